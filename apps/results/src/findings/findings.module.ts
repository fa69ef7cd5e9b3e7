import { Module } from '@nestjs/common';
import { AttachmentStoreModule, SERVICE_CONFIG } from '@rackeval/platform';
import type { ResultsConfig } from '../config';
import { ManufacturerFeedModule } from '../manufacturer-feed/manufacturer-feed.module';
import { FindingAttachmentsController, RunAttachmentsController } from './attachments/attachments.controller';
import { AttachmentsService } from './attachments/attachments.service';
import { FailureTaxonomy } from './failure-taxonomy';
import { FindingRacksService } from './finding-racks.service';
import { FindingRmasService } from './finding-rmas.service';
import { FindingTransitions } from './finding-transitions';
import { FindingsController } from './findings.controller';
import { FindingsConsumer } from './findings.consumer';
import { FindingsOpeningService } from './findings-opening.service';
import { FindingsQueryService } from './findings-query.service';
import { FindingsReportController } from './findings-report.controller';
import { FindingsReportService } from './findings-report.service';

/** Findings and their evidence: opened from failed runs or by hand, triaged against the BOM, followed to a fix. */
@Module({
  imports: [ManufacturerFeedModule, AttachmentStoreModule],
  // The report's controller first: FindingsController's :id would otherwise take "report".
  controllers: [FindingsReportController, FindingsController, FindingAttachmentsController, RunAttachmentsController, FindingsConsumer],
  providers: [
    {
      provide: FailureTaxonomy,
      inject: [SERVICE_CONFIG],
      useFactory: (config: ResultsConfig) => new FailureTaxonomy(config.FINDING_CLASSES),
    },
    AttachmentsService,
    FindingRacksService,
    FindingRmasService,
    FindingTransitions,
    FindingsOpeningService,
    FindingsQueryService,
    FindingsReportService,
  ],
  exports: [FindingRacksService, FindingRmasService, FindingsOpeningService],
})
export class FindingsModule {}
