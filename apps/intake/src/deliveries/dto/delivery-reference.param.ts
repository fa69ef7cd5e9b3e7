import { ApiProperty } from '@nestjs/swagger';
import { IsLabel } from '@rackeval/platform';

/** `:reference` in a delivery's routes: the carrier reference it was registered under, with the rule the delivery's body follows. */
export class DeliveryReferenceParam {
  @ApiProperty({ example: 'DHL-7781-2231' }) @IsLabel(64) reference: string;
}
