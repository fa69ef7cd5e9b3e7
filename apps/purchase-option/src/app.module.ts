import { DynamicModule, Module } from '@nestjs/common';
import { ServiceModule } from '@rackeval/platform';
import { PurchaseOptionConfig } from './config';
import { purchaseOptionService } from './service';

@Module({})
export class AppModule {
  static register(config: PurchaseOptionConfig): DynamicModule {
    return { module: AppModule, imports: [ServiceModule.forRoot(purchaseOptionService(config))] };
  }
}
