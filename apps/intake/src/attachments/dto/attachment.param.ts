import { ApiProperty } from '@nestjs/swagger';
import { IsRackSerial } from '@rackeval/contracts';
import { IsLabel } from '@rackeval/platform';
import { IsUUID } from 'class-validator';

/** An attachment addressed through its delivery: `:reference/attachments/:attachmentId`. */
export class DeliveryAttachmentParam {
  @ApiProperty({ example: 'DHL-7781-2231' }) @IsLabel(64) reference: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() attachmentId: string;
}

/** An inspection of a rack: `:serial/inspections/:inspectionId`. */
export class InspectionParam {
  @ApiProperty({ example: 'RK-G1-0001' }) @IsRackSerial() serial: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() inspectionId: string;
}

/** An attachment addressed through its inspection: `:serial/inspections/:inspectionId/attachments/:attachmentId`. */
export class InspectionAttachmentParam extends InspectionParam {
  @ApiProperty({ format: 'uuid' }) @IsUUID() attachmentId: string;
}

/** An attachment addressed through its RMA: `:id/attachments/:attachmentId`. */
export class RmaAttachmentParam {
  @ApiProperty({ format: 'uuid' }) @IsUUID() id: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() attachmentId: string;
}
