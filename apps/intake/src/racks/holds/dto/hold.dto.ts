import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsText } from '@rackeval/platform';
import { IsOptional, Matches } from 'class-validator';

/** A reason is required: whitespace alone says nothing. */
const NotBlank = () => Matches(/\S/, { message: '$property must not be blank' });

export class HoldRackDto {
  @ApiProperty({ example: 'coolant manifold crack found during thermal soak; awaiting manufacturer inspection' })
  @IsText({ max: 2000 })
  @NotBlank()
  reason: string;
}

export class ReleaseHoldDto {
  @ApiPropertyOptional({ example: 'manufacturer inspected the manifold; cleared to continue' })
  @IsOptional()
  @IsText({ max: 2000 })
  @NotBlank()
  reason?: string;
}

export class WithdrawRackDto {
  @ApiProperty({ example: 'chassis bent when the rack was moved out of bay 3; not fit for purchase' })
  @IsText({ max: 2000 })
  @NotBlank()
  reason: string;
}
