import { ApiProperty } from '@nestjs/swagger';
import { ApiDateTime, ApiNullable } from '../openapi/api-property';

/**
 * One attempt to post a signed webhook, as a delivery log shows it (the manufacturer feed, the
 * finance reminders): when and where it was posted, by which instance, and what came back. Each log
 * adds its outcome (under its own enum name) and what was delivered.
 */
export class WebhookAttemptView {
  @ApiProperty({ description: '1 for the first attempt' }) attempt: number;
  @ApiDateTime() attemptedAt: string;
  @ApiProperty({ description: 'the service instance that posted it' }) instance: string;
  @ApiProperty() url: string;
  @ApiNullable(Number, { description: 'null when no answer came (refused, timed out)' }) statusCode: number | null;
  @ApiNullable(String) error: string | null;
  @ApiProperty() durationMs: number;
}
