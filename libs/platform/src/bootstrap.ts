import { DynamicModule, INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { json } from 'express';
import { SwaggerModule } from '@nestjs/swagger';
import { ConsumerMonitor, kafkaServerOptions, OffsetCommitter, ResilientKafkaServer } from '@rackeval/messaging';
import { ServiceConfig } from './config/service-config';
import { ActorContextInterceptor } from './http/actor-context.interceptor';
import { ErrorResponseFilter } from './http/error-response.filter';
import { IdempotentExchangeInterceptor } from './idempotency/idempotent-exchange';
import { requestContextMiddleware } from './http/request-context.middleware';
import { StreamedJsonRoute, streamedJsonBodies, unlessStreamed } from './http/streamed-json';
import { createValidationPipe } from './http/validation';
import { JsonLogger } from './logging/json-logger';
import { createOpenApiDocument } from './openapi/openapi-document';
import { startTracing } from './observability/tracing';
import { BodyParserOption, messagingSettings } from './service.module';

export interface BootstrapOptions {
  name: string;
  title: string;
  module: DynamicModule;
  config: ServiceConfig;
  topics: string[];
  /** Extra body parsers, e.g. `text/csv` for manifests (from the service definition). */
  bodyParsers?: BodyParserOption[];
  /** Routes whose JSON body may be read as a stream (see `streamedJsonBodies`). */
  streamedJson?: StreamedJsonRoute[];
}

/** The JSON body limit: `8mb` as body-parser reads it. */
const JSON_LIMIT_BYTES = 8 * 1024 * 1024;

/** HTTP conventions shared by every service: correlation ids, one error shape, strict validation, OpenAPI. */
export function configureHttp(
  app: NestExpressApplication,
  options: Pick<BootstrapOptions, 'title' | 'bodyParsers' | 'streamedJson'> & { jsonBody?: boolean },
): void {
  app.use(requestContextMiddleware);
  if (options.jsonBody !== false) {
    // The parser Nest's useBodyParser('json') registers, passed over by a body its route reads as a stream.
    app.use(streamedJsonBodies(options.streamedJson ?? [], JSON_LIMIT_BYTES));
    app.use(unlessStreamed(json({ limit: JSON_LIMIT_BYTES })));
  }
  for (const parser of options.bodyParsers ?? []) {
    app.useBodyParser(parser.type, { limit: parser.limit, type: parser.mediaType });
  }
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ErrorResponseFilter());
  app.useGlobalInterceptors(new ActorContextInterceptor(), new IdempotentExchangeInterceptor());
  SwaggerModule.setup('docs', app, createOpenApiDocument(app, options.title));
}

/**
 * Starts a service: HTTP and its Kafka consumers (sharing pipes and filters), with shutdown hooks
 * so SIGTERM closes the consumers and their group rebalances at once.
 */
export async function bootstrapService(options: BootstrapOptions): Promise<INestApplication> {
  const { config } = options;
  startTracing(options.name);
  const logger = new JsonLogger(options.name, config.LOG_LEVEL);
  const app = await NestFactory.create<NestExpressApplication>(options.module, { logger, bodyParser: false, abortOnError: false });
  configureHttp(app, options);
  const { options: kafka } = kafkaServerOptions(messagingSettings({ ...options, config }));
  const server = new ResilientKafkaServer(kafka!, app.get(ConsumerMonitor), app.get(OffsetCommitter));
  app.connectMicroservice({ strategy: server }, { inheritAppConfig: true });
  app.enableShutdownHooks();
  await app.init();
  await app.startAllMicroservices();
  await app.listen(config.PORT, config.HOST);
  logger.log(`${options.name} listening on ${await app.getUrl()}`, 'Bootstrap');
  return app;
}
