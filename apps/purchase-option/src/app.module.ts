import { DynamicModule, Module } from '@nestjs/common';
import { ServiceModule } from '@rackeval/platform';
import { AuditController } from './audit/audit.controller';
import { AuditService } from './audit/audit.service';
import { PurchaseOptionConfig } from './config';
import { ProgrammeController } from './programme/programme.controller';
import { ProgrammeValueRepository } from './programme/programme-value.repository';
import { ProgrammeRepository } from './programme/programme.repository';
import { ProgrammeService } from './programme/programme.service';
import { CostTargetsController } from './cost-targets/cost-targets.controller';
import { CostTargetsService } from './cost-targets/cost-targets.service';
import { DecisionsController } from './decisions/decisions.controller';
import { DecisionsService } from './decisions/decisions.service';
import { LapseScheduler } from './lapse/lapse.scheduler';
import { LapseSweepService } from './lapse/lapse-sweep.service';
import { ExportsController } from './exports/exports.controller';
import { ExportsRepository } from './exports/exports.repository';
import { ExportsService } from './exports/exports.service';
import { MemosController } from './memos/memos.controller';
import { MemosService } from './memos/memos.service';
import { ReminderDeliveryService } from './reminders/reminder-delivery.service';
import { ReminderScheduler } from './reminders/reminder.scheduler';
import { RemindersController } from './reminders/reminders.controller';
import { RemindersRepository } from './reminders/reminders.repository';
import { RemindersService } from './reminders/reminders.service';
import { ExpiringOptionsCollector } from './observability/expiring-options.collector';
import { GenerationRegistryService } from './generations/generation-registry.service';
import { RackRecordCorrectionService } from './options/rack-record-correction.service';
import { EvaluationReopenService } from './options/evaluation-reopen.service';
import { OptionEndingService } from './options/option-ending.service';
import { OptionIncarnationService } from './options/option-incarnation.service';
import { OptionLifecycleService } from './options/option-lifecycle.service';
import { OptionsConsumer } from './options/options.consumer';
import { OptionsController } from './options/options.controller';
import { OptionsQueryService } from './options/options-query.service';
import { RackRmasService } from './rmas/rack-rmas.service';
import { purchaseOptionService } from './service';
import { TermsController } from './terms/terms.controller';
import { TermsService } from './terms/terms.service';

@Module({})
export class AppModule {
  static register(config: PurchaseOptionConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [ServiceModule.forRoot(purchaseOptionService(config))],
      controllers: [
        TermsController,
        CostTargetsController,
        ExportsController,
        MemosController,
        OptionsController,
        DecisionsController,
        AuditController,
        ProgrammeController,
        RemindersController,
        OptionsConsumer,
      ],
      providers: [
        TermsService,
        CostTargetsService,
        OptionLifecycleService,
        OptionEndingService,
        EvaluationReopenService,
        OptionIncarnationService,
        RackRmasService,
        GenerationRegistryService,
        RackRecordCorrectionService,
        OptionsQueryService,
        DecisionsService,
        AuditService,
        LapseSweepService,
        LapseScheduler,
        ExpiringOptionsCollector,
        ProgrammeRepository,
        ProgrammeValueRepository,
        ProgrammeService,
        ExportsRepository,
        ExportsService,
        MemosService,
        RemindersRepository,
        RemindersService,
        ReminderDeliveryService,
        ReminderScheduler,
      ],
    };
  }
}
