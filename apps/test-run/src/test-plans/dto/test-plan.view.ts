import { ApiProperty } from '@nestjs/swagger';
import { ApiDateTime } from '@rackeval/platform';

export class SuiteView {
  @ApiProperty({ example: 'thermal-soak' }) key: string;
  @ApiProperty({ example: 'Thermal soak' }) name: string;
  @ApiProperty() required: boolean;
  @ApiProperty({ example: 2 }) maxAttempts: number;
  @ApiProperty({ type: [String], example: ['inlet_temp_c'] }) metrics: string[];
}

export class TestPlanView {
  @ApiProperty({ example: 'G1' }) generation: string;
  @ApiProperty() version: number;
  @ApiProperty({ type: [SuiteView] }) suites: SuiteView[];
  @ApiDateTime() publishedAt: string;
  @ApiProperty() publishedBy: string;
}
