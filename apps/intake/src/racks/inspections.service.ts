import { Injectable } from '@nestjs/common';
import { InspectionOutcome, RackInspected, RackQuarantined, RackRejected, RackReleased, RackReturned } from '@rackeval/contracts';
import { UnitOfWork } from '@rackeval/messaging';
import { ErrorDetail } from '@rackeval/platform';
import { randomUUID } from 'node:crypto';
import { IntakeError, IntakeErrorCode } from '../intake.errors';
import { InspectionCheckDto, InspectRackDto, STANDARD_CHECKS } from './dto/inspection.dto';
import { KnownOptionsRepository } from './holds/known-options.repository';
import { assertReturnable } from './holds/ways-out.rules';
import { RackTransitions } from './lifecycle/rack-transitions';
import { InspectionEntity } from './rack.entity';
import { RackAction } from './rack.state-machine';
import { RackDetailView } from './dto/rack.view';
import { RacksQueryService } from './racks-query.service';

const ACTION: Record<InspectionOutcome, RackAction> = { ACCEPTED: 'inspect-accept', QUARANTINED: 'inspect-quarantine', REJECTED: 'inspect-reject' };

/** Inspection at intake and the return of a rack to its manufacturer. */
@Injectable()
export class InspectionsService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly transitions: RackTransitions,
    private readonly racks: RacksQueryService,
  ) {}

  async inspect(serial: string, dto: InspectRackDto, actor: string): Promise<RackDetailView> {
    checkChecklist(dto);
    await this.unitOfWork.run(async (tx) => {
      const rack = await this.transitions.load(tx, serial);
      const occurredAt = new Date();
      const reason = dto.note ?? describeFailures(dto.checks) ?? `inspection outcome ${dto.outcome}`;
      await this.transitions.move(tx, rack, ACTION[dto.outcome], { actor, occurredAt, reason: `inspection ${dto.outcome}: ${reason}` });
      const inspection = Object.assign(new InspectionEntity(), {
        id: randomUUID(),
        rackSerial: serial,
        outcome: dto.outcome,
        checks: dto.checks.map(({ name, passed, note }) => (note === undefined ? { name, passed } : { name, passed, note })),
        note: dto.note ?? null,
        inspectedBy: actor,
        inspectedAt: occurredAt,
      });
      await tx.manager.insert(InspectionEntity, inspection);
      const fact = { rackSerial: serial, generation: rack.generation, occurredAt: occurredAt.toISOString(), actor };
      tx.publish(RackInspected, { ...fact, inspectionId: inspection.id, outcome: dto.outcome, checks: inspection.checks });
      if (dto.outcome === 'ACCEPTED') tx.publish(RackReleased, { ...fact, site: rack.site });
      if (dto.outcome === 'QUARANTINED') tx.publish(RackQuarantined, { ...fact, reason });
      if (dto.outcome === 'REJECTED') tx.publish(RackRejected, { ...fact, reason });
    });
    return this.racks.detail(serial);
  }

  async returnRack(serial: string, reason: string, actor: string): Promise<RackDetailView> {
    await this.unitOfWork.run(async (tx) => {
      const rack = await this.transitions.load(tx, serial);
      assertReturnable(rack, await KnownOptionsRepository.stateOf(tx.manager, serial));
      const occurredAt = new Date();
      await this.transitions.move(tx, rack, 'return', { actor, occurredAt, reason: `returned: ${reason}` });
      tx.publish(RackReturned, { rackSerial: serial, generation: rack.generation, occurredAt: occurredAt.toISOString(), actor, reason });
    });
    return this.racks.detail(serial);
  }
}

/** The four standard checks must each appear once; an accepted rack must have passed all of them. */
function checkChecklist(dto: InspectRackDto): void {
  const details: ErrorDetail[] = [];
  const seen = new Set<string>();
  dto.checks.forEach((check, index) => {
    if (seen.has(check.name)) details.push({ field: `checks[${index}].name`, message: `check ${check.name} appears twice` });
    seen.add(check.name);
  });
  for (const name of STANDARD_CHECKS) {
    if (!seen.has(name)) details.push({ field: 'checks', message: `standard check ${name} is missing` });
  }
  if (details.length) {
    throw new IntakeError(IntakeErrorCode.INVALID_INSPECTION, `the checklist must include ${STANDARD_CHECKS.join(', ')} once each`, details);
  }
  const failedStandard = dto.checks.filter((check) => !check.passed && (STANDARD_CHECKS as readonly string[]).includes(check.name));
  if (dto.outcome === 'ACCEPTED' && failedStandard.length) {
    throw new IntakeError(
      IntakeErrorCode.FAILED_CHECKS_ON_ACCEPT,
      `a rack can be accepted only when every standard check passed; failed: ${failedStandard.map((check) => check.name).join(', ')}`,
      failedStandard.map((check) => ({ field: `checks[${dto.checks.indexOf(check)}].passed`, message: `${check.name} failed` })),
    );
  }
}

function describeFailures(checks: InspectionCheckDto[]): string | undefined {
  const failed = checks.filter((check) => !check.passed);
  return failed.length ? `failed ${failed.map((check) => (check.note ? `${check.name} (${check.note})` : check.name)).join(', ')}` : undefined;
}
