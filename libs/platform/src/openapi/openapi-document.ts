import { DynamicModule, INestApplication, Module, Provider, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

/** The OpenAPI document of a running service (served at /docs and /docs-json). */
export function createOpenApiDocument(app: INestApplication, title: string): OpenAPIObject {
  return SwaggerModule.createDocument(app, new DocumentBuilder().setTitle(title).setVersion('1').addBearerAuth().build());
}

type ModuleLike = DynamicModule | Type<unknown>;

/** Every controller a module tree declares, in the order Nest would register them. */
export function controllersOf(root: ModuleLike, seen = new Set<unknown>()): Type<unknown>[] {
  if (!root || (typeof root !== 'object' && typeof root !== 'function')) return [];
  if (seen.has(root)) return [];
  seen.add(root);
  const dynamic = typeof root === 'object' ? root : undefined;
  const type = dynamic ? dynamic.module : (root as Type<unknown>);
  const own = [...((Reflect.getMetadata('controllers', type) as Type<unknown>[] | undefined) ?? []), ...(dynamic?.controllers ?? [])];
  const imports = [
    ...((Reflect.getMetadata('imports', type) as ModuleLike[] | undefined) ?? []),
    ...((dynamic?.imports as ModuleLike[] | undefined) ?? []),
  ];
  return [...own, ...imports.flatMap((child) => controllersOf(child, seen))];
}

/** Stand-ins for what the controllers' constructors inject: building the document calls no handler. */
function stubsFor(controllers: Type<unknown>[]): Provider[] {
  const tokens = new Set<unknown>();
  for (const controller of controllers) {
    const types = (Reflect.getMetadata('design:paramtypes', controller) as unknown[] | undefined) ?? [];
    const explicit = (Reflect.getMetadata('self:paramtypes', controller) as Array<{ index: number; param: unknown }> | undefined) ?? [];
    explicit.forEach(({ index, param }) => (types[index] = param));
    types.forEach((token) => tokens.add(token));
  }
  return [...tokens].filter(Boolean).map((token) => ({ provide: token as Type<unknown>, useValue: {} }));
}

/**
 * The same document as the running service serves, built from its module's controllers alone:
 * no database, broker or token issuer is reached (`npm run openapi` writes it to a file).
 */
export async function offlineOpenApiDocument(title: string, root: ModuleLike): Promise<OpenAPIObject> {
  const controllers = [...new Set(controllersOf(root))];
  @Module({ controllers, providers: stubsFor(controllers) })
  class OpenApiDocumentModule {}
  const app = await NestFactory.create(OpenApiDocumentModule, { logger: false, abortOnError: false });
  try {
    return createOpenApiDocument(app, title);
  } finally {
    await app.close();
  }
}
