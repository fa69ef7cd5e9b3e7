import { DynamicModule, Module } from '@nestjs/common';
import { AttachmentStoreModule, ServiceModule } from '@rackeval/platform';
import {
  DeliveryAttachmentsController,
  InspectionAttachmentsController,
  RmaAttachmentsController,
} from './attachments/attachments.controller';
import { AttachmentsService } from './attachments/attachments.service';
import { IntakeConfig } from './config';
import { DeliveriesController } from './deliveries/deliveries.controller';
import { DeliveriesService } from './deliveries/deliveries.service';
import { ManifestImportService } from './deliveries/manifest/manifest-import.service';
import { GenerationsController } from './generations/generations.controller';
import { GenerationsService } from './generations/generations.service';
import { ProgrammeController } from './programme/programme.controller';
import { ProgrammeRepository } from './programme/programme.repository';
import { ProgrammeService } from './programme/programme.service';
import { RackCorrectionsController } from './racks/corrections/rack-corrections.controller';
import { RackCorrectionsService } from './racks/corrections/rack-corrections.service';
import { RackHoldsController } from './racks/holds/rack-holds.controller';
import { RackHoldsService } from './racks/holds/rack-holds.service';
import { InspectionsService } from './racks/inspections.service';
import { DeferredFactsSweeper } from './racks/lifecycle/deferred-facts.sweeper';
import { LifecycleEventsConsumer } from './racks/lifecycle/lifecycle-events.consumer';
import { LifecycleEventsService } from './racks/lifecycle/lifecycle-events.service';
import { RackChanges } from './racks/lifecycle/rack-changes';
import { RackTransitions } from './racks/lifecycle/rack-transitions';
import { RacksController } from './racks/racks.controller';
import { RacksQueryService } from './racks/racks-query.service';
import { RmaReturnsService } from './rmas/rma-returns.service';
import { RmaTransitions } from './rmas/rma-transitions';
import { RmasController } from './rmas/rmas.controller';
import { RmasQueryService } from './rmas/rmas-query.service';
import { RmasService } from './rmas/rmas.service';
import { intakeService } from './service';

@Module({})
export class AppModule {
  static register(config: IntakeConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [ServiceModule.forRoot(intakeService(config)), AttachmentStoreModule],
      controllers: [
        GenerationsController,
        DeliveriesController,
        RacksController,
        RackHoldsController,
        RackCorrectionsController,
        LifecycleEventsConsumer,
        ProgrammeController,
        RmasController,
        DeliveryAttachmentsController,
        InspectionAttachmentsController,
        RmaAttachmentsController,
      ],
      providers: [
        GenerationsService,
        DeliveriesService,
        ManifestImportService,
        RacksQueryService,
        RackTransitions,
        RackChanges,
        InspectionsService,
        RackHoldsService,
        RackCorrectionsService,
        LifecycleEventsService,
        DeferredFactsSweeper,
        ProgrammeRepository,
        ProgrammeService,
        RmaTransitions,
        RmasService,
        RmaReturnsService,
        RmasQueryService,
        AttachmentsService,
      ],
    };
  }
}
