import { ApiProperty } from '@nestjs/swagger';
import { ApiDateTime, ApiDecimal } from '@rackeval/platform';
import { AttachmentView } from '../../attachments/dto/attachment.view';

export class DeliveryRackView {
  @ApiProperty({ example: 'RK-G1-0001' }) serial: string;
  @ApiProperty({ example: 'G1' }) generation: string;
  @ApiProperty() lot: string;
  @ApiProperty() bomLines: number;
  @ApiDecimal({ description: 'exact total, 2 decimals' }) bomCost: string;
  @ApiProperty({ example: 'USD' }) bomCurrency: string;
  @ApiDecimal({ example: '62.50' }) domesticContentPct: string;
  @ApiDecimal({ example: '60.00' }) domesticContentTargetPct: string;
  @ApiProperty() meetsDomesticContentTarget: boolean;
}

/** A delivery as registered: 201 when registered now, 200 when the same delivery had been registered before, and its detail. */
export class DeliveryView {
  @ApiProperty() reference: string;
  @ApiProperty() site: string;
  @ApiDateTime() receivedAt: string;
  @ApiProperty() registeredBy: string;
  @ApiDateTime() registeredAt: string;
  @ApiProperty({ type: [DeliveryRackView] }) racks: DeliveryRackView[];
  @ApiProperty({
    type: [AttachmentView],
    description: "files attached to the delivery (photos on arrival, the carrier's papers), oldest first",
  })
  attachments: AttachmentView[];
}
