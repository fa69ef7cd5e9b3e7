import { DynamicModule, Module } from '@nestjs/common';
import { ServiceModule } from '@rackeval/platform';
import { TestRunConfig } from './config';
import { testRunService } from './service';

@Module({})
export class AppModule {
  static register(config: TestRunConfig): DynamicModule {
    return { module: AppModule, imports: [ServiceModule.forRoot(testRunService(config))] };
  }
}
