import { ApiProperty } from '@nestjs/swagger';
import { RACK_STATES, RackState, RMA_STATES, RmaState } from '@rackeval/contracts';
import { ApiDateTime, ApiNullable } from '@rackeval/platform';

export class RmaSummaryView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'RMA-2026-0042' }) rmaNumber: string;
  @ApiProperty({ enum: RMA_STATES, enumName: 'RmaState' }) state: RmaState;
  @ApiProperty({ type: [String], example: ['RK-G1-0007'], description: 'the racks sent back, in the order given' }) serials: string[];
  @ApiProperty({ type: [String], format: 'uuid', description: "results' findings it reports" }) findingIds: string[];
  @ApiProperty() createdBy: string;
  @ApiDateTime() createdAt: string;
  @ApiDateTime({ nullable: true, description: 'when the units left for the manufacturer' }) shippedAt: string | null;
  @ApiDateTime() updatedAt: string;
  @ApiProperty({ description: 'optimistic-lock version' }) version: number;
}

export class RmaUnitView {
  @ApiProperty({ example: 'RK-G1-0007' }) serial: string;
  @ApiProperty({ example: 'G1' }) generation: string;
  @ApiProperty() lot: string;
  @ApiProperty({ enum: RACK_STATES, enumName: 'RackState', description: "the rack's state now" }) state: RackState;
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
  @ApiProperty({ type: [RmaUnitView] }) units: RmaUnitView[];
  @ApiProperty({ type: [RmaHistoryEntryView], description: 'oldest first' }) history: RmaHistoryEntryView[];
}
