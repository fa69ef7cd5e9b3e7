import { DynamicModule, Module } from '@nestjs/common';
import { ServiceModule } from '@rackeval/platform';
import { IntakeConfig } from './config';
import { intakeService } from './service';

@Module({})
export class AppModule {
  static register(config: IntakeConfig): DynamicModule {
    return { module: AppModule, imports: [ServiceModule.forRoot(intakeService(config))] };
  }
}
