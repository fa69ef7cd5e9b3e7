import {
  type AttachmentSubject,
  MANUFACTURER_FINDING_SCHEMA,
  type ManufacturerFeedType,
  type ManufacturerFindingFeedV1,
  type FindingState,
  type SuspectedComponentV1,
} from '@rackeval/contracts';
import { webhookBackoffMs } from '@rackeval/platform';
import type { FindingRecord } from '../findings/finding.model';

/**
 * The finding as it stood right after the change, as the delivery stores it (its row's column names,
 * the shape deliveries have been stored in since the feed began), so every retry sends the same body.
 */
export interface FindingCopy {
  id: string;
  rack_serial: string;
  generation: string;
  lot: string | null;
  run_id: string | null;
  criterion: string | null;
  diagnosis: string | null;
  title: string;
  failure_class: string | null;
  component: SuspectedComponentV1 | null;
  state: FindingState;
  rma_number: string | null;
  version: number;
}

/** The copy a delivery keeps of the finding right after its change (what feedBodyOf sends). */
export function findingCopyOf(finding: FindingRecord): FindingCopy {
  return {
    id: finding.id,
    rack_serial: finding.rackSerial,
    generation: finding.generation,
    lot: finding.lot,
    run_id: finding.runId,
    criterion: finding.criterion,
    diagnosis: finding.diagnosis,
    title: finding.title,
    failure_class: finding.failureClass,
    component: finding.component,
    state: finding.state,
    rma_number: finding.rmaNumber,
    version: finding.version,
  };
}

/** One attachment of the finding or of its run, as copied when the delivery was queued. */
export interface EvidenceCopy {
  id: string;
  subject: AttachmentSubject;
  subjectId: string;
  filename: string;
  mediaType: string;
  size: number | string;
  sha256: string;
}

/** A queued delivery: what it announces and how far its attempts got. */
export interface QueuedDelivery {
  id: string;
  eventId: string;
  findingId: string;
  type: ManufacturerFeedType;
  occurredAt: string;
  note: string | null;
  finding: FindingCopy;
  evidence: EvidenceCopy[];
  /** Every attempt so far (numbers the log). */
  attempts: number;
  /** Attempts since it was queued or last sent again (counts against MANUFACTURER_WEBHOOK_MAX_ATTEMPTS). */
  roundAttempts: number;
}

export type AttemptOutcome = 'DELIVERED' | 'RETRY' | 'GAVE_UP';

/** A 2xx is delivered; a failure with attempts left is retried; the last allowed failure gives up. */
export function attemptOutcome(error: string | null, roundAttemptsAfter: number, maxAttempts: number): AttemptOutcome {
  if (error === null) return 'DELIVERED';
  return roundAttemptsAfter >= maxAttempts ? 'GAVE_UP' : 'RETRY';
}

/** How long a failed delivery waits before its next attempt: base, 2×base, 4×base … capped at an hour. */
export function retryInMs(outcome: AttemptOutcome, roundAttemptsAfter: number, baseMs: number): number {
  return outcome === 'RETRY' ? webhookBackoffMs(roundAttemptsAfter, baseMs) : 0;
}

/** Long enough for one POST to time out and be recorded; past it another instance may take the delivery over. */
export function leaseMsFor(timeoutMs: number): number {
  return timeoutMs * 2 + 5_000;
}

/** Where the gateway serves an attachment (the receiver needs a token with a role to fetch it). */
export function downloadPathOf(evidence: Pick<EvidenceCopy, 'id' | 'subject' | 'subjectId'>): string {
  const owner = evidence.subject === 'FINDING' ? 'findings' : 'runs';
  return `/api/results/v1/${owner}/${evidence.subjectId}/attachments/${evidence.id}`;
}

/** The body sent, the same on every attempt: absent facts are left out rather than sent as null. */
export function feedBodyOf(delivery: QueuedDelivery): ManufacturerFindingFeedV1 {
  const f = delivery.finding;
  const component = f.component
    ? {
        partNumber: f.component.partNumber,
        ...(f.component.supplier ? { supplier: f.component.supplier } : {}),
        ...(f.component.countryOfOrigin ? { countryOfOrigin: f.component.countryOfOrigin } : {}),
        ...(f.component.category ? { category: f.component.category } : {}),
        ...(f.component.location ? { location: f.component.location } : {}),
      }
    : undefined;
  return {
    schema: MANUFACTURER_FINDING_SCHEMA,
    eventId: delivery.eventId,
    type: delivery.type,
    occurredAt: new Date(delivery.occurredAt).toISOString(),
    ...(delivery.note ? { note: delivery.note } : {}),
    finding: {
      id: f.id,
      rackSerial: f.rack_serial,
      generation: f.generation,
      ...(f.lot ? { lot: f.lot } : {}),
      ...(f.run_id ? { runId: f.run_id } : {}),
      ...(f.criterion ? { criterion: f.criterion } : {}),
      ...(f.diagnosis ? { diagnosis: f.diagnosis } : {}),
      title: f.title,
      ...(f.failure_class ? { failureClass: f.failure_class } : {}),
      ...(component ? { component } : {}),
      state: f.state,
      ...(f.rma_number ? { rmaNumber: f.rma_number } : {}),
      version: f.version,
    },
    evidence: delivery.evidence.map((e) => ({
      attachmentId: e.id,
      attachedTo: e.subject,
      filename: e.filename,
      mediaType: e.mediaType,
      size: Number(e.size),
      sha256: e.sha256,
      downloadPath: downloadPathOf(e),
    })),
  };
}
