import { ApiProperty } from '@nestjs/swagger';
import { ApiDateTime } from '@rackeval/platform';

export class BayOccupant {
  @ApiProperty({ format: 'uuid' }) runId: string;
  @ApiProperty() rackSerial: string;
  @ApiProperty() suite: string;
  @ApiProperty({ example: 'RUNNING' }) state: string;
}

export class BayView {
  @ApiProperty({ example: 'TX-BAY-01' }) code: string;
  @ApiProperty({ example: 'US-TX-1' }) site: string;
  @ApiProperty({ description: 'true when no SCHEDULED or RUNNING run holds the bay' }) free: boolean;
  @ApiProperty({ type: BayOccupant, nullable: true }) occupiedBy: BayOccupant | null;
  @ApiDateTime() createdAt: string;
  @ApiProperty() createdBy: string;
}
