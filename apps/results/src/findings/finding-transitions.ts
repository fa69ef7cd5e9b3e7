import { Injectable } from '@nestjs/common';
import {
  type EventDefinition,
  type FindingAction,
  FindingFixProposed,
  FindingFixRejected,
  FindingReported,
  FindingTransitionedV1,
  FindingTriaged,
  FindingVerified,
  FindingWontFix,
} from '@rackeval/contracts';
import { type Transaction, UnitOfWork } from '@rackeval/messaging';
import type { EntityManager } from 'typeorm';
import { ManufacturerFeedQueueService } from '../manufacturer-feed/manufacturer-feed-queue.service';
import type { FindingTransitionDto, TriageFindingDto } from './dto/finding.dto';
import type { FindingDetailView } from './dto/finding.view';
import { FailureTaxonomy } from './failure-taxonomy';
import { linkToBom } from './finding-component.rules';
import { groupKeyOf, normalisePartNumber } from './finding-group.rules';
import { FindingRackRepository } from './finding-rack.repository';
import { type FindingChange, FindingRepository } from './finding.repository';
import type { FindingHistoryRecord, FindingRecord, FindingRma } from './finding.model';
import { FindingStateMachine } from './finding.state-machine';
import { ResultsError, ResultsErrorCode, unknownFinding } from '../results.errors';
import { FindingsQueryService } from './findings-query.service';

const EVENT_OF: Record<FindingAction, EventDefinition<FindingTransitionedV1>> = {
  triage: FindingTriaged,
  report: FindingReported,
  'propose-fix': FindingFixProposed,
  'reject-fix': FindingFixRejected,
  verify: FindingVerified,
  'wont-fix': FindingWontFix,
};

/**
 * The one place a finding changes state: the state machine decides, the change, its history line,
 * its event and its delivery to the manufacturer's feed (a report and each later step, see
 * manufacturer-feed/feed-changes.rules.ts) commit together, and a finding changed meanwhile
 * (expectedVersion) is a 409.
 */
@Injectable()
export class FindingTransitions {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly taxonomy: FailureTaxonomy,
    private readonly query: FindingsQueryService,
    private readonly feed: ManufacturerFeedQueueService,
  ) {}

  async apply(
    id: string,
    action: FindingAction,
    input: FindingTransitionDto & Partial<Pick<TriageFindingDto, 'failureClass' | 'component'>>,
    actor: string,
  ): Promise<FindingDetailView> {
    await this.unitOfWork.run(async (tx) => {
      const finding = await FindingRepository.find(tx.manager, id, 'update');
      if (!finding) throw unknownFinding(id);
      if (input.expectedVersion !== undefined && input.expectedVersion !== finding.version) {
        throw new ResultsError(
          ResultsErrorCode.CONCURRENT_UPDATE,
          `finding ${id} is at version ${finding.version}, not ${input.expectedVersion}: read it again`,
          [{ field: 'expectedVersion', message: `is ${finding.version}` }],
        );
      }
      await this.transition(tx, finding, action, input, actor);
    });
    return this.query.get(id);
  }

  /**
   * The transition of a finding the caller read FOR UPDATE in `tx`: a person's (apply) or one that
   * follows an RMA (FindingRmasService). `rma` links the finding to that RMA in the same step.
   */
  async transition(
    tx: Transaction,
    finding: FindingRecord,
    action: FindingAction,
    input: Pick<FindingTransitionDto, 'note' | 'owner'> & Partial<Pick<TriageFindingDto, 'failureClass' | 'component'>>,
    actor: string,
    { rma, at = new Date().toISOString() }: { rma?: FindingRma; at?: string } = {},
  ): Promise<void> {
    const id = finding.id;
    const to = FindingStateMachine.transition(id, finding.state, action);
    const failureClass = action === 'triage' ? this.taxonomy.check(input.failureClass!) : finding.failureClass;
    const component =
      action === 'triage' && input.component
        ? linkToBom(input.component, await FindingRackRepository.find(tx.manager, finding.rackSerial))
        : finding.component;
    const owner = input.owner ?? finding.owner;
    const groupKey = groupKeyOf({
      criterion: finding.criterion,
      diagnosis: finding.diagnosis,
      inspectionCheck: finding.inspectionCheck,
      inspection: finding.origin === 'INSPECTION',
      partNumber: component?.partNumber,
      failureClass,
    });
    const partNumber = component ? normalisePartNumber(component.partNumber) : null;
    if (
      !(await updateFinding(tx.manager, id, finding.version, {
        state: to,
        failureClass,
        component,
        partNumber,
        owner,
        groupKey,
        at,
        rma: rma ?? null,
      }))
    ) {
      throw new ResultsError(
        ResultsErrorCode.CONCURRENT_UPDATE,
        `finding ${id} was changed by someone else at the same moment; read it again`,
      );
    }
    const changes = {
      ...(failureClass !== finding.failureClass ? { failureClass } : {}),
      ...(component !== finding.component ? { component } : {}),
      ...(owner !== finding.owner ? { owner } : {}),
      ...(rma && rma.rmaId !== finding.rmaId ? { rmaId: rma.rmaId, rmaNumber: rma.rmaNumber } : {}),
    };
    const line = { action, fromState: finding.state, toState: to, actor, at, note: input.note ?? null, changes };
    const lineId = await appendFindingHistory(tx.manager, id, line);
    const changed: FindingRecord = {
      ...finding,
      state: to,
      failureClass,
      component,
      owner,
      groupKey,
      rmaId: rma?.rmaId ?? finding.rmaId,
      rmaNumber: rma?.rmaNumber ?? finding.rmaNumber,
      version: finding.version + 1,
      updatedAt: at,
    };
    await this.feed.enqueue(tx, changed, { id: lineId, ...line });
    tx.publish(EVENT_OF[action], {
      findingId: id,
      rackSerial: finding.rackSerial,
      generation: finding.generation,
      action,
      from: finding.state,
      to,
      ...(failureClass ? { failureClass } : {}),
      ...(component ? { component } : {}),
      ...(owner ? { owner } : {}),
      ...(input.note ? { note: input.note } : {}),
      version: finding.version + 1,
      actor,
      occurredAt: at,
    });
  }

  /**
   * Links a finding the caller read FOR UPDATE in `tx` to an RMA without changing its state, and
   * says so in its history (no event: the RMA's own events tell the other services).
   */
  async linkToRma(tx: Transaction, finding: FindingRecord, rma: FindingRma, actor: string, note: string, at: string): Promise<void> {
    if (!(await FindingRepository.linkRma(tx.manager, finding.id, finding.version, rma, at))) {
      throw new ResultsError(
        ResultsErrorCode.CONCURRENT_UPDATE,
        `finding ${finding.id} was changed by someone else at the same moment; read it again`,
      );
    }
    await appendFindingHistory(tx.manager, finding.id, {
      action: 'link-rma',
      fromState: finding.state,
      toState: finding.state,
      actor,
      at,
      note,
      changes: { rmaId: rma.rmaId, rmaNumber: rma.rmaNumber },
    });
  }

  /** A note joins the history without changing the state (no event: it is the team's own working). */
  async note(id: string, note: string, actor: string): Promise<FindingDetailView> {
    await this.unitOfWork.run(async (tx) => {
      const finding = await FindingRepository.find(tx.manager, id, 'update');
      if (!finding) throw unknownFinding(id);
      await appendFindingHistory(tx.manager, id, {
        action: 'note',
        fromState: finding.state,
        toState: finding.state,
        actor,
        at: new Date().toISOString(),
        note,
        changes: {},
      });
    });
    return this.query.get(id);
  }
}

/** Applies a change if the finding is still at `version`; false when someone else changed it first. */
async function updateFinding(
  manager: EntityManager,
  id: string,
  version: number,
  change: FindingChange & { rma: FindingRma | null },
): Promise<boolean> {
  const [, affected] = await manager.query(
    `UPDATE finding SET state = $3, failure_class = $4, component = $5, part_number = $6, owner = $7, group_key = $8,
            updated_at = $9, rma_id = coalesce($10, rma_id), rma_number = coalesce($11, rma_number), version = version + 1
      WHERE id = $1 AND version = $2`,
    [
      id,
      version,
      change.state,
      change.failureClass,
      change.component ? JSON.stringify(change.component) : null,
      change.partNumber,
      change.owner,
      change.groupKey,
      change.at,
      change.rma?.rmaId ?? null,
      change.rma?.rmaNumber ?? null,
    ],
  );
  return affected === 1;
}

/** A line in the finding's history: a transition, or a note or attachment that leaves the state as it is. Returns the line's id. */
export async function appendFindingHistory(manager: EntityManager, findingId: string, entry: FindingHistoryRecord): Promise<string> {
  const [row] = (await manager.query(
    `INSERT INTO finding_history (finding_id, action, from_state, to_state, actor, at, note, changes) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     RETURNING id::text AS id`,
    [findingId, entry.action, entry.fromState, entry.toState, entry.actor, entry.at, entry.note, JSON.stringify(entry.changes)],
  )) as Array<{ id: string }>;
  return row.id;
}
