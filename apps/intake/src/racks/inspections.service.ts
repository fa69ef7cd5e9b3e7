import { Injectable } from '@nestjs/common';
import {
  CoolingType,
  InspectionOutcome,
  RackInspected,
  RackQuarantined,
  RackRejected,
  RackReleased,
  RackReturned,
} from '@rackeval/contracts';
import { Transaction } from '@rackeval/messaging';
import { randomUUID } from 'node:crypto';
import { GenerationsRepository } from '../generations/generations.repository';
import { InspectionCheckDto, InspectRackDto } from './dto/inspection.dto';
import { checkChecklist } from './inspection-checklist.rules';
import { KnownOptionsRepository } from './holds/known-options.repository';
import { assertReturnable } from './holds/ways-out.rules';
import { RackChanges } from './lifecycle/rack-changes';
import { RackTransitions } from './lifecycle/rack-transitions';
import { InspectionEntity } from './rack.entity';
import { RackAction } from './rack.state-machine';
import { RackDetailView } from './dto/rack.view';
import { RacksRepository } from './racks.repository';

const ACTION: Record<InspectionOutcome, RackAction> = {
  ACCEPTED: 'inspect-accept',
  QUARANTINED: 'inspect-quarantine',
  REJECTED: 'inspect-reject',
};

/** Inspection at intake and the return of a rack to its manufacturer. */
@Injectable()
export class InspectionsService {
  /** The cooling of each generation read so far: a generation is registered once and never changed. */
  private readonly coolings = new Map<string, CoolingType>();

  constructor(
    private readonly changes: RackChanges,
    private readonly transitions: RackTransitions,
  ) {}

  async inspect(serial: string, dto: InspectRackDto, actor: string): Promise<RackDetailView> {
    return this.changes.change(serial, async (tx, rack) => {
      checkChecklist(dto, await this.generation(tx, rack.generation));
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
      await RacksRepository.addInspection(tx.manager, inspection);
      const fact = { rackSerial: serial, generation: rack.generation, occurredAt: occurredAt.toISOString(), actor };
      tx.publish(RackInspected, { ...fact, inspectionId: inspection.id, outcome: dto.outcome, checks: inspection.checks });
      if (dto.outcome === 'ACCEPTED') tx.publish(RackReleased, { ...fact, site: rack.site });
      if (dto.outcome === 'QUARANTINED') tx.publish(RackQuarantined, { ...fact, reason });
      if (dto.outcome === 'REJECTED') tx.publish(RackRejected, { ...fact, reason });
    });
  }

  /** The rack's generation as the checklist rules need it (a rack is only received for a registered generation). */
  private async generation(tx: Transaction, code: string): Promise<{ code: string; cooling: CoolingType }> {
    let cooling = this.coolings.get(code);
    if (cooling === undefined) {
      cooling = (await GenerationsRepository.get(tx.manager, code)).cooling;
      this.coolings.set(code, cooling);
    }
    return { code, cooling };
  }

  async returnRack(serial: string, reason: string, actor: string): Promise<RackDetailView> {
    return this.changes.change(serial, async (tx, rack) => {
      assertReturnable(rack, await KnownOptionsRepository.stateOf(tx.manager, serial));
      const occurredAt = new Date();
      await this.transitions.move(tx, rack, 'return', { actor, occurredAt, reason: `returned: ${reason}` });
      tx.publish(RackReturned, { rackSerial: serial, generation: rack.generation, occurredAt: occurredAt.toISOString(), actor, reason });
    });
  }
}

function describeFailures(checks: InspectionCheckDto[]): string | undefined {
  const failed = checks.filter((check) => !check.passed);
  return failed.length
    ? `failed ${failed.map((check) => (check.note ? `${check.name} (${check.note})` : check.name)).join(', ')}`
    : undefined;
}
