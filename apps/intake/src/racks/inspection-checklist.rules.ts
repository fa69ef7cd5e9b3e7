import type { CoolingType } from '@rackeval/contracts';
import { ErrorDetail } from '@rackeval/platform';
import { IntakeError, IntakeErrorCode } from '../intake.errors';

/** Every standard check; which apply to a rack follows its generation's cooling (checklistFor). */
export const STANDARD_CHECKS = ['shock-tilt-indicators', 'visual-damage', 'coolant-leak-test', 'power-on-self-test'] as const;
export type StandardCheck = (typeof STANDARD_CHECKS)[number];

/** Rule COOLANT_CHECK_NOT_APPLICABLE: an air-cooled rack has no coolant loop, so no coolant leak test. */
export function checklistFor(cooling: CoolingType): StandardCheck[] {
  return STANDARD_CHECKS.filter((check) => check !== 'coolant-leak-test' || cooling !== 'air');
}

export interface ChecklistInput {
  checks: Array<{ name: string; passed: boolean; note?: string }>;
  outcome: 'ACCEPTED' | 'QUARANTINED' | 'REJECTED';
}

/**
 * The generation's standard checks must each appear once, a standard check that does not apply
 * to its cooling must not appear (422 naming the rule), and an accepted rack must have passed
 * every standard check. Other checks may be added by name.
 */
export function checkChecklist(input: ChecklistInput, generation: { code: string; cooling: CoolingType }): void {
  const required = checklistFor(generation.cooling);
  const details: ErrorDetail[] = [];
  const seen = new Set<string>();
  input.checks.forEach((check, index) => {
    if (seen.has(check.name)) details.push({ field: `checks[${index}].name`, message: `check ${check.name} appears twice` });
    seen.add(check.name);
  });
  for (const name of required) if (!seen.has(name)) details.push({ field: 'checks', message: `standard check ${name} is missing` });
  if (details.length) {
    throw new IntakeError(
      IntakeErrorCode.INVALID_INSPECTION,
      `the checklist of a ${generation.cooling}-cooled rack must include ${required.join(', ')} once each`,
      details,
    );
  }
  const inapplicable = input.checks.findIndex(
    (check) => (STANDARD_CHECKS as readonly string[]).includes(check.name) && !(required as string[]).includes(check.name),
  );
  if (inapplicable >= 0) {
    const name = input.checks[inapplicable].name;
    throw new IntakeError(
      IntakeErrorCode.CHECK_NOT_APPLICABLE,
      `COOLANT_CHECK_NOT_APPLICABLE: generation ${generation.code} is ${generation.cooling}-cooled and has no coolant loop; ${name} does not apply (its checklist: ${required.join(', ')})`,
      [{ field: `checks[${inapplicable}].name`, message: `${name} does not apply to a ${generation.cooling}-cooled rack` }],
    );
  }
  const failedStandard = input.checks.filter((check) => !check.passed && (required as string[]).includes(check.name));
  if (input.outcome === 'ACCEPTED' && failedStandard.length) {
    throw new IntakeError(
      IntakeErrorCode.FAILED_CHECKS_ON_ACCEPT,
      `a rack can be accepted only when every standard check passed; failed: ${failedStandard.map((check) => check.name).join(', ')}`,
      failedStandard.map((check) => ({ field: `checks[${input.checks.indexOf(check)}].passed`, message: `${check.name} failed` })),
    );
  }
}
