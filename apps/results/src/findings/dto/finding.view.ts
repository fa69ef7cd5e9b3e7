import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  FINDING_ACTIONS,
  FINDING_ORIGINS,
  FINDING_STATES,
  type FindingAction,
  type FindingOrigin,
  type FindingState,
} from '@rackeval/contracts';
import { ApiDateTime, ApiNullable } from '@rackeval/platform';
import { AttachmentView } from './attachment.view';

export class SuspectedComponentView {
  @ApiProperty() partNumber: string;
  @ApiPropertyOptional({ description: "From the rack's BOM line" }) supplier?: string;
  @ApiPropertyOptional({ description: 'ISO 3166-1 alpha-2, from the BOM line' }) countryOfOrigin?: string;
  @ApiPropertyOptional() category?: string;
  @ApiPropertyOptional() location?: string;
}

export class FindingView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: FINDING_ORIGINS, enumName: 'FindingOrigin' }) origin: FindingOrigin;
  @ApiProperty() rackSerial: string;
  @ApiProperty() generation: string;
  @ApiNullable(String, { description: "Null until intake has told results the rack's lot" }) lot: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) runId: string | null;
  @ApiNullable(String) criterion: string | null;
  @ApiNullable(String) diagnosis: string | null;
  @ApiProperty() title: string;
  @ApiNullable(String, { description: 'Set at triage' }) failureClass: string | null;
  @ApiProperty({ type: SuspectedComponentView, nullable: true }) component: SuspectedComponentView | null;
  @ApiNullable(String) owner: string | null;
  @ApiProperty({ enum: FINDING_STATES, enumName: 'FindingState' }) state: FindingState;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: "The RMA (intake's) that took the finding to the manufacturer: set when intake ships an RMA listing it",
  })
  rmaId: string | null;
  @ApiNullable(String, { description: "The manufacturer's RMA number" }) rmaNumber: string | null;
  @ApiProperty({ description: 'Findings with the same key are similar (criterion or diagnosis + part + class)' }) groupKey: string;
  @ApiProperty({ type: 'integer' }) version: number;
  @ApiProperty() openedBy: string;
  @ApiDateTime() openedAt: string;
  @ApiDateTime() updatedAt: string;
  @ApiProperty({ enum: FINDING_ACTIONS, enumName: 'FindingAction', isArray: true, description: 'What may be done now' })
  actions: FindingAction[];
}

export class FindingHistoryView {
  @ApiProperty({
    description:
      'open, triage, report, propose-fix, reject-fix, verify, wont-fix, note, attach, or link-rma (linked to a shipped RMA, state unchanged)',
  })
  action: string;
  @ApiNullable(String, { description: 'The state before the step (a FindingState); null for the opening step' })
  fromState: FindingState | null;
  @ApiProperty({ enum: FINDING_STATES, enumName: 'FindingState' }) toState: FindingState;
  @ApiProperty() actor: string;
  @ApiDateTime() at: string;
  @ApiNullable(String) note: string | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'What this step set: failureClass, component, owner, attachment, rmaId and rmaNumber',
  })
  changes: Record<string, unknown>;
}

export class FindingDetailView extends FindingView {
  @ApiProperty({ type: [FindingHistoryView] }) history: FindingHistoryView[];
  @ApiProperty({ type: [AttachmentView] }) attachments: AttachmentView[];
  @ApiProperty({
    type: [AttachmentView],
    description:
      "Evidence of the finding's run: the run's attachments (harness logs and files sent with its OCPTV stream); empty without a run",
  })
  runAttachments: AttachmentView[];
}

export class FindingGroupLotView {
  @ApiProperty() generation: string;
  @ApiNullable(String) lot: string | null;
  @ApiProperty({ type: 'integer' }) count: number;
}

export class FindingGroupView {
  @ApiProperty({ description: "The grouping key: GET /v1/findings?group= lists the group's findings" }) groupKey: string;
  @ApiNullable(String) criterion: string | null;
  @ApiNullable(String) diagnosis: string | null;
  @ApiNullable(String) partNumber: string | null;
  @ApiNullable(String, { description: 'Null for findings not yet triaged' }) failureClass: string | null;
  @ApiProperty({ type: 'integer', description: 'Findings in the group' }) count: number;
  @ApiProperty({ type: 'integer', description: 'Distinct racks' }) racks: number;
  @ApiProperty({ type: 'integer', description: 'Findings neither VERIFIED nor WONT_FIX' }) unresolved: number;
  @ApiDateTime() firstOpenedAt: string;
  @ApiDateTime() lastOpenedAt: string;
  @ApiProperty({ type: [FindingGroupLotView], description: 'Counts per generation and lot' }) generations: FindingGroupLotView[];
}

export class FindingGroupsView {
  @ApiProperty({ type: [FindingGroupView] }) items: FindingGroupView[];
}

export class FailureClassesView {
  @ApiProperty({ type: [String], example: ['HARDWARE_DEFECT', 'FIRMWARE'] }) classes: string[];
  @ApiProperty({ enum: FINDING_STATES, enumName: 'FindingState', isArray: true }) states: FindingState[];
}
