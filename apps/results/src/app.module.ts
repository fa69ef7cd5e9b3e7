import { DynamicModule, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { AttachmentStoreModule, ServiceModule } from '@rackeval/platform';
import { ResultsConfig } from './config';
import { ComparisonsController } from './comparisons/comparisons.controller';
import { ComparisonsService } from './comparisons/comparisons.service';
import { CriteriaController } from './criteria/criteria.controller';
import { CriteriaService } from './criteria/criteria.service';
import { EvaluationsController } from './evaluations/evaluations.controller';
import { EvaluationReopenService } from './evaluations/evaluation-reopen.service';
import { EvaluationRestartService } from './evaluations/evaluation-restart.service';
import { EvaluationsService } from './evaluations/evaluations.service';
import { LiveRunController } from './live/live-run.controller';
import { RunProgressFeeds } from './live/run-progress.feeds';
import { MeasurementGate } from './measurements/measurement-gate';
import { MeasurementsController } from './measurements/measurements.controller';
import { MeasurementsService } from './measurements/measurements.service';
import { OcptvController } from './ocptv/ocptv.controller';
import { OcptvService } from './ocptv/ocptv.service';
import { OcptvFileAttachments } from './ocptv/ocptv-file-attachments';
import { ProgrammeController } from './programme/programme.controller';
import { ProgrammeRepository } from './programme/programme.repository';
import { ProgrammeService } from './programme/programme.service';
import { RackOriginService } from './programme/rack-origin.service';
import { RunEventsConsumer } from './run-mirror/run-events.consumer';
import { RunMirrorService } from './run-mirror/run-mirror.service';
import { RunQueryService } from './run-mirror/run-query.service';
import { RunSiteInterceptor } from './run-mirror/run-site.interceptor';
import { RunsController } from './run-mirror/runs.controller';
import { FindingsModule } from './findings/findings.module';
import { ManufacturerFeedModule } from './manufacturer-feed/manufacturer-feed.module';
import { resultsService } from './service';
import { StandingConsumer } from './standing/standing.consumer';
import { StandingService } from './standing/standing.service';
import { OcptvUploadController } from './uploads/ocptv-upload.controller';
import { RunArtifactsController } from './artifacts/run-artifacts.controller';
import { RunArtifactsService } from './artifacts/run-artifacts.service';
import { SeriesController } from './series/series.controller';
import { SeriesService } from './series/series.service';
import { OcptvUploadService } from './uploads/ocptv-upload.service';
import { VerdictsController } from './verdicts/verdicts.controller';
import { VerdictsService } from './verdicts/verdicts.service';

@Module({})
export class AppModule {
  static register(config: ResultsConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [ServiceModule.forRoot(resultsService(config)), AttachmentStoreModule, FindingsModule, ManufacturerFeedModule],
      controllers: [
        RunsController,
        CriteriaController,
        MeasurementsController,
        OcptvController,
        OcptvUploadController,
        RunArtifactsController,
        SeriesController,
        LiveRunController,
        VerdictsController,
        EvaluationsController,
        ComparisonsController,
        ProgrammeController,
        RunEventsConsumer,
        StandingConsumer,
      ],
      providers: [
        RunQueryService,
        CriteriaService,
        MeasurementGate,
        MeasurementsService,
        OcptvService,
        OcptvFileAttachments,
        OcptvUploadService,
        RunArtifactsService,
        SeriesService,
        VerdictsService,
        EvaluationsService,
        RunMirrorService,
        ComparisonsService,
        ProgrammeRepository,
        ProgrammeService,
        RackOriginService,
        StandingService,
        EvaluationReopenService,
        EvaluationRestartService,
        RunProgressFeeds,
        { provide: APP_INTERCEPTOR, useClass: RunSiteInterceptor },
      ],
    };
  }
}
