import type { CoolingType, InspectionCheck, InspectionOutcome } from '@rackeval/api-client';

/** The standard checklist; intake's API names them exactly so. */
export const STANDARD_CHECKS: ReadonlyArray<{ name: string; label: string }> = [
  { name: 'shock-tilt-indicators', label: 'Shock and tilt indicators intact' },
  { name: 'visual-damage', label: 'No visual damage' },
  { name: 'coolant-leak-test', label: 'Coolant leak test passed' },
  { name: 'power-on-self-test', label: 'Power-on self-test passed' },
];

export interface CheckDraft {
  name: string;
  label: string;
  passed: boolean;
  note: string;
  extra: boolean;
}

export const initialChecklist = (): CheckDraft[] => STANDARD_CHECKS.map((check) => ({ ...check, passed: false, note: '', extra: false }));

/** An air-cooled rack has no coolant loop: intake refuses a coolant leak test for it (COOLANT_CHECK_NOT_APPLICABLE). */
export const applicableTo = (checks: readonly CheckDraft[], cooling: CoolingType): CheckDraft[] =>
  checks.filter((check) => check.extra || check.name !== 'coolant-leak-test' || cooling !== 'air');

/** A rack with any failed check cannot be accepted (the service refuses it); quarantine is the usual answer. */
export function suggestedOutcome(checks: readonly CheckDraft[]): InspectionOutcome {
  return checks.every((check) => check.passed) ? 'ACCEPTED' : 'QUARANTINED';
}

export function acceptAllowed(checks: readonly CheckDraft[]): boolean {
  return checks.every((check) => check.passed);
}

export function toChecks(checks: readonly CheckDraft[]): InspectionCheck[] {
  return checks
    .filter((check) => check.name.trim())
    .map((check) => ({ name: check.name.trim(), passed: check.passed, ...(check.note.trim() ? { note: check.note.trim() } : {}) }));
}

/** "Extra check" names follow the standard ones' style: lower case with hyphens. */
export const extraCheckName = (label: string) =>
  label
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
