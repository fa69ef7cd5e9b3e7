import { Injectable } from '@nestjs/common';
import { FindingOpened, type RunVerdictV1 } from '@rackeval/contracts';
import { type Transaction, UnitOfWork } from '@rackeval/messaging';
import { randomUUID } from 'node:crypto';
import type { OpenFindingDto } from './dto/finding.dto';
import type { FindingDetailView } from './dto/finding.view';
import { linkToBom, suspectedFromDiagnosis } from './finding-component.rules';
import { groupKeyOf, normalisePartNumber } from './finding-group.rules';
import type { NewFinding } from './finding.model';
import { findingsOfInspection, INSPECTION_RULE_ACTOR, type RackInspection } from './finding-inspection.rules';
import { findingsOfVerdict } from './finding-origin.rules';
import { FindingRackRepository, FindingSourcesRepository } from './finding-rack.repository';
import { FindingRepository } from './finding.repository';
import { ResultsError, ResultsErrorCode, unknownRun } from '../results.errors';
import { FindingsQueryService } from './findings-query.service';
import { appendFindingHistory } from './finding-transitions';

/** Opens findings: automatically from results' own run verdicts and intake's inspections, or by hand. */
@Injectable()
export class FindingsOpeningService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly query: FindingsQueryService,
  ) {}

  /** A recorded verdict (results' own event, consumed like any other): each cause opens its finding once. */
  async openFromVerdict(verdict: RunVerdictV1, tx: Transaction, at: string): Promise<void> {
    const diagnoses = await FindingSourcesRepository.failDiagnoses(tx.manager, verdict.runId);
    const causes = findingsOfVerdict(verdict, diagnoses);
    if (!causes.length) return;
    const rack = await FindingRackRepository.find(tx.manager, verdict.rackSerial);
    for (const cause of causes) {
      await this.open(
        tx,
        {
          id: randomUUID(),
          sourceKey: cause.sourceKey,
          origin: cause.origin,
          rackSerial: verdict.rackSerial,
          generation: verdict.generation,
          lot: rack?.lot ?? null,
          runId: verdict.runId,
          criterion: cause.criterion,
          diagnosis: cause.diagnosis,
          title: cause.title,
          failureClass: null,
          component: suspectedFromDiagnosis(cause.partNumber, cause.location, rack),
          owner: null,
          groupKey: groupKeyOf(cause),
          openedBy: 'rule:run-verdict',
          openedAt: at,
        },
        cause.location ? `component named by the diagnosis: ${cause.location}` : null,
      );
    }
  }

  /**
   * An inspection intake recorded: one that quarantined or rejected the rack opens a finding per
   * failed check (finding-inspection.rules.ts), each once whatever is redelivered. The lot is the
   * rack's as results knows it (null before its receipt was read).
   */
  async openFromInspection(inspection: RackInspection, tx: Transaction): Promise<void> {
    const found = findingsOfInspection(inspection);
    if (!found.length) return;
    const rack = await FindingRackRepository.find(tx.manager, inspection.rackSerial);
    for (const cause of found) {
      await this.open(
        tx,
        {
          id: randomUUID(),
          sourceKey: cause.sourceKey,
          origin: 'INSPECTION',
          rackSerial: inspection.rackSerial,
          generation: inspection.generation,
          lot: rack?.lot ?? null,
          runId: null,
          criterion: null,
          diagnosis: null,
          inspectionId: cause.inspectionId,
          inspectionCheck: cause.inspectionCheck,
          title: cause.title,
          failureClass: null,
          component: null,
          owner: null,
          groupKey: groupKeyOf({ inspectionCheck: cause.inspectionCheck, inspection: true }),
          openedBy: INSPECTION_RULE_ACTOR,
          openedAt: inspection.occurredAt,
        },
        `inspection ${cause.inspectionId} by ${inspection.actor}: ${inspection.outcome}`,
      );
    }
  }

  async openByHand(dto: OpenFindingDto, actor: string): Promise<FindingDetailView> {
    const id = randomUUID();
    await this.unitOfWork.run(async (tx) => {
      const { rackSerial, generation } = await this.subjectOf(tx, dto);
      const rack = await FindingRackRepository.find(tx.manager, rackSerial);
      const component = dto.component ? linkToBom(dto.component, rack) : null;
      const facts = {
        criterion: dto.criterion ?? null,
        diagnosis: dto.diagnosis ?? null,
        partNumber: component?.partNumber ?? null,
        failureClass: null,
      };
      await this.open(
        tx,
        {
          id,
          sourceKey: null,
          origin: 'MANUAL',
          rackSerial,
          generation,
          lot: rack?.lot ?? null,
          runId: dto.runId ?? null,
          criterion: facts.criterion,
          diagnosis: facts.diagnosis,
          title: dto.title,
          failureClass: null,
          component,
          owner: null,
          groupKey: groupKeyOf(facts),
          openedBy: actor,
          openedAt: new Date().toISOString(),
        },
        dto.note ?? null,
      );
    });
    return this.query.get(id);
  }

  /** The run's rack and generation, or the rack's own when no run is named; unknown ones are named in a 404. */
  private async subjectOf(tx: Transaction, dto: OpenFindingDto): Promise<{ rackSerial: string; generation: string }> {
    if (dto.runId) {
      const run = await FindingSourcesRepository.run(tx.manager, dto.runId);
      if (!run) throw unknownRun(dto.runId);
      if (dto.rackSerial && dto.rackSerial !== run.rackSerial) {
        throw new ResultsError(
          ResultsErrorCode.RACK_MISMATCH,
          `run ${dto.runId} is a run of rack ${run.rackSerial}, not ${dto.rackSerial}`,
          [{ field: 'rackSerial', message: `run ${dto.runId} tested ${run.rackSerial}` }],
        );
      }
      return run;
    }
    const rackSerial = dto.rackSerial!;
    const generation = await FindingSourcesRepository.rackGeneration(tx.manager, rackSerial);
    if (!generation) {
      throw new ResultsError(ResultsErrorCode.UNKNOWN_RACK, `rack ${rackSerial} is not known to results`, [
        { field: 'rackSerial', message: `no rack ${rackSerial}` },
      ]);
    }
    return { rackSerial, generation };
  }

  private async open(tx: Transaction, finding: NewFinding, note: string | null): Promise<void> {
    const partNumber = finding.component ? normalisePartNumber(finding.component.partNumber) : null;
    if (!(await FindingRepository.insertIfNew(tx.manager, finding, partNumber))) return;
    const changes = finding.component ? { component: finding.component } : {};
    await appendFindingHistory(tx.manager, finding.id, {
      action: 'open',
      fromState: null,
      toState: 'OPEN',
      actor: finding.openedBy,
      at: finding.openedAt,
      note,
      changes,
    });
    tx.publish(FindingOpened, {
      findingId: finding.id,
      rackSerial: finding.rackSerial,
      generation: finding.generation,
      ...(finding.lot ? { lot: finding.lot } : {}),
      ...(finding.runId ? { runId: finding.runId } : {}),
      origin: finding.origin,
      ...(finding.criterion ? { criterion: finding.criterion } : {}),
      ...(finding.diagnosis ? { diagnosis: finding.diagnosis } : {}),
      ...(finding.inspectionId ? { inspectionId: finding.inspectionId } : {}),
      ...(finding.inspectionCheck ? { inspectionCheck: finding.inspectionCheck } : {}),
      title: finding.title,
      ...(finding.component ? { component: finding.component } : {}),
      actor: finding.openedBy,
      occurredAt: finding.openedAt,
    });
  }
}
