import { DynamicModule, Module } from '@nestjs/common';
import { ServiceModule } from '@rackeval/platform';
import { ResultsConfig } from './config';
import { resultsService } from './service';

@Module({})
export class AppModule {
  static register(config: ResultsConfig): DynamicModule {
    return { module: AppModule, imports: [ServiceModule.forRoot(resultsService(config))] };
  }
}
