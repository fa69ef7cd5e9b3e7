import { ApiProperty } from '@nestjs/swagger';
import { RACK_STATES, RackState, RMA_RETURN_KINDS, RMA_STATES, RmaReturnKind, RmaState } from '@rackeval/contracts';
import { ApiDateTime, ApiNullable } from '@rackeval/platform';
import { AttachmentView } from '../../attachments/dto/attachment.view';

export class RmaSummaryView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'RMA-2026-0042' }) rmaNumber: string;
  @ApiProperty({ enum: RMA_STATES, enumName: 'RmaState' }) state: RmaState;
  @ApiProperty({ type: [String], example: ['RK-G1-0007'], description: 'the racks sent back, in the order given' }) serials: string[];
  @ApiProperty({ type: [String], format: 'uuid', description: "results' findings it reports" }) findingIds: string[];
  @ApiProperty() createdBy: string;
  @ApiDateTime() createdAt: string;
  @ApiDateTime({ nullable: true, description: 'when the units left for the manufacturer' }) shippedAt: string | null;
  @ApiDateTime({ nullable: true, description: 'when the last of its units came back (the RMA is RECEIVED)' }) receivedAt: string | null;
  @ApiDateTime() updatedAt: string;
  @ApiProperty({ description: 'optimistic-lock version' }) version: number;
}

export class RmaUnitView {
  @ApiProperty({ example: 'RK-G1-0007' }) serial: string;
  @ApiProperty({ example: 'G1' }) generation: string;
  @ApiProperty() lot: string;
  @ApiProperty({ enum: RACK_STATES, enumName: 'RackState', description: "the rack's state now" }) state: RackState;
  @ApiDateTime({ nullable: true, description: 'when the unit came back; null while it is with the manufacturer' }) receivedAt:
    string | null;
  @ApiProperty({ type: 'string', enum: RMA_RETURN_KINDS, nullable: true, description: 'how it came back' }) kind: RmaReturnKind | null;
  @ApiNullable(String, { description: 'the new serial of the unit sent in its place' }) replacementSerial: string | null;
  @ApiNullable(Number, { description: "the serial's incarnation it came back as (null when a new serial replaced it)" })
  incarnation: number | null;
  @ApiNullable(String) note: string | null;
}

export class RmaHistoryEntryView {
  @ApiProperty({ type: 'string', enum: RMA_STATES, nullable: true }) from: RmaState | null;
  @ApiProperty({ enum: RMA_STATES, enumName: 'RmaState' }) to: RmaState;
  @ApiProperty() actor: string;
  @ApiProperty() reason: string;
  @ApiDateTime() at: string;
}

export class RmaDetailView extends RmaSummaryView {
  @ApiNullable(String) notes: string | null;
  @ApiNullable(String) shippedBy: string | null;
  @ApiDateTime({ nullable: true }) cancelledAt: string | null;
  @ApiNullable(String) cancelledBy: string | null;
  @ApiNullable(String) cancelReason: string | null;
  @ApiNullable(String, { description: 'who recorded the receipt of the last unit' }) receivedBy: string | null;
  @ApiProperty({ type: [RmaUnitView] }) units: RmaUnitView[];
  @ApiProperty({ type: [RmaHistoryEntryView], description: 'oldest first' }) history: RmaHistoryEntryView[];
  @ApiProperty({ type: [AttachmentView], description: "files attached to the RMA (packing list, the manufacturer's papers), oldest first" })
  attachments: AttachmentView[];
}
