import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  INSPECTION_OUTCOMES,
  InspectionOutcome,
  OPTION_STATES,
  OptionState,
  RACK_STATES,
  RackState,
  RMA_RETURN_KINDS,
  RmaReturnKind,
} from '@rackeval/contracts';
import { ApiDateTime, ApiDecimal, ApiNullable } from '@rackeval/platform';
import { AttachmentView } from '../../attachments/dto/attachment.view';

export class RackSummaryView {
  @ApiProperty({ example: 'RK-G1-0001' }) serial: string;
  @ApiProperty({ example: 'G1' }) generation: string;
  @ApiProperty() lot: string;
  @ApiProperty() site: string;
  @ApiProperty() deliveryReference: string;
  @ApiProperty({ enum: RACK_STATES, enumName: 'RackState' }) state: RackState;
  @ApiDateTime() receivedAt: string;
  @ApiDateTime() updatedAt: string;
  @ApiProperty({ description: 'optimistic-lock version' }) version: number;
  @ApiDecimal() bomCost: string;
  @ApiProperty({ example: 'USD' }) bomCurrency: string;
  @ApiDecimal({ example: '62.50' }) domesticContentPct: string;
  @ApiDecimal({ example: '60.00' }) domesticContentTargetPct: string;
  @ApiProperty() meetsDomesticContentTarget: boolean;
}

export class BomLineView {
  @ApiProperty() line: number;
  @ApiProperty() partNumber: string;
  @ApiProperty({ example: 'compute' }) category: string;
  @ApiProperty() quantity: number;
  @ApiDecimal({ example: '31250.00' }) unitCost: string;
  @ApiProperty({ example: 'USD' }) currency: string;
  @ApiProperty() supplier: string;
  @ApiProperty({ example: 'US' }) countryOfOrigin: string;
}

export class InspectionCheckView {
  @ApiProperty({ example: 'coolant-leak-test' }) name: string;
  @ApiProperty() passed: boolean;
  @ApiPropertyOptional() note?: string;
}

export class InspectionView {
  @ApiProperty() id: string;
  @ApiProperty({ enum: INSPECTION_OUTCOMES, enumName: 'InspectionOutcome' }) outcome: InspectionOutcome;
  @ApiProperty({ type: [InspectionCheckView] }) checks: InspectionCheckView[];
  @ApiNullable(String) note: string | null;
  @ApiProperty() inspectedBy: string;
  @ApiDateTime() inspectedAt: string;
  @ApiProperty({ type: [AttachmentView], description: 'files attached to the inspection (photos of what it found), oldest first' })
  attachments: AttachmentView[];
}

export class RackHistoryEntryView {
  @ApiProperty({ type: 'string', enum: RACK_STATES, nullable: true }) from: RackState | null;
  @ApiProperty({ enum: RACK_STATES, enumName: 'RackState' }) to: RackState;
  @ApiProperty({ description: 'a person, or the rule that moved it' }) actor: string;
  @ApiProperty() reason: string;
  @ApiDateTime() at: string;
  @ApiNullable(String, { description: 'the event from another service that caused it' }) causeEventId: string | null;
  @ApiNullable(String, { description: 'the event this transition published' }) eventId: string | null;
}

export class RackHoldView {
  @ApiProperty({ enum: RACK_STATES, enumName: 'RackState', description: 'where a release returns the rack' }) heldFrom: RackState;
  @ApiProperty() reason: string;
  @ApiProperty() heldBy: string;
  @ApiDateTime() heldAt: string;
}

export class RackIncarnationView {
  @ApiProperty({ example: 2, description: '1 as first delivered; one more each time the unit came back from an RMA under this serial' })
  incarnation: number;
  @ApiDateTime({ description: 'when this incarnation arrived: the receipt for the first, the return from the RMA for later ones' })
  since: string;
  @ApiPropertyOptional({ example: 'RMA-2026-0042', description: 'the RMA it came back under (absent for the first)' }) rmaNumber?: string;
  @ApiPropertyOptional({ enum: RMA_RETURN_KINDS, enumName: 'RmaReturnKind', description: 'how it came back (absent for the first)' })
  kind?: RmaReturnKind;
}

export class RackDetailView extends RackSummaryView {
  @ApiProperty({ example: 1, description: "the serial's current incarnation" }) incarnation: number;
  @ApiProperty({ type: [RackIncarnationView], description: 'every incarnation of the serial, oldest first' })
  incarnations: RackIncarnationView[];
  @ApiNullable(String, { description: 'the serial this unit was sent in place of, under an RMA' }) replacesSerial: string | null;
  @ApiNullable(String, { description: 'the serial the manufacturer sent in place of this unit, under an RMA' }) replacedBy: string | null;
  @ApiProperty({ type: RackHoldView, nullable: true, description: 'set while the rack is ON_HOLD' }) hold: RackHoldView | null;
  @ApiDateTime({ nullable: true, description: 'when the rack was withdrawn (its option ended with it)' }) withdrawnAt: string | null;
  @ApiProperty({
    type: 'string',
    enum: OPTION_STATES,
    nullable: true,
    description: "the rack's purchase option as purchase-option last reported it (null before any report)",
  })
  optionState: OptionState | null;
  @ApiProperty({ type: [BomLineView] }) bom: BomLineView[];
  @ApiProperty({ type: [InspectionView] }) inspections: InspectionView[];
  @ApiProperty({ type: [RackHistoryEntryView], description: 'oldest first' }) history: RackHistoryEntryView[];
}
