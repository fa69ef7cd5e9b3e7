import type { DynamicModule } from '@nestjs/common';
import { type GenerationRegisteredV1 } from '@rackeval/contracts';
import type { ServiceConfig, ServiceDefinition } from '@rackeval/platform';
import { newGeneration } from './programme';
import type { ServiceRecipe } from './test-service';

/** A service's recipe from what its main.ts uses: its name, config class, definition and `AppModule.register`. */
export function serviceRecipe<C extends ServiceConfig>(
  name: string,
  configClass: new () => C,
  definition: (config: C) => ServiceDefinition,
  appModule: { register(config: C): DynamicModule },
): ServiceRecipe<C> {
  return { name, configClass, definition, module: (config) => appModule.register(config) };
}

/** Intake's GenerationRegistered payload as the services that learn generations from it receive it. */
export function generationRegisteredData(code: string, overrides: Partial<GenerationRegisteredV1> = {}): GenerationRegisteredV1 {
  return { ...newGeneration(code), registeredAt: new Date().toISOString(), ...overrides };
}
