import { DynamicModule, INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import type { IncomingMessage } from 'node:http';
import { SwaggerModule } from '@nestjs/swagger';
import {
  ConsumerMonitor,
  EventInbox,
  kafkaServerOptions,
  OffsetCommitter,
  ResilientKafkaServer,
  TopicConsumers,
} from '@rackeval/messaging';
import { ServiceConfig } from './config/service-config';
import { ActorContextInterceptor } from './http/actor-context.interceptor';
import { ErrorResponseFilter } from './http/error-response.filter';
import { isJsonAsText } from './http/json-text-body';
import { mediaTypeOf } from './http/consumes.decorator';
import { IdempotentExchangeInterceptor } from './idempotency/idempotent-exchange';
import { requestContextMiddleware } from './http/request-context.middleware';
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
  /** POST routes whose JSON body reaches the handler as text (from the service definition). */
  jsonBodyAsText?: RegExp[];
}

/** The JSON body parser's limit, for bodies it parses and for those handed over as text. */
const JSON_BODY_LIMIT = '8mb';
const isJson = (request: IncomingMessage) => mediaTypeOf(request.headers['content-type']) === 'application/json';

/** HTTP conventions shared by every service: correlation ids, one error shape, strict validation, OpenAPI. */
export function configureHttp(
  app: NestExpressApplication,
  options: Pick<BootstrapOptions, 'title' | 'bodyParsers' | 'jsonBodyAsText'> & { jsonBody?: boolean },
): void {
  app.use(requestContextMiddleware);
  if (options.jsonBody !== false) {
    const routes = options.jsonBodyAsText ?? [];
    const asText = (request: IncomingMessage) => routes.length > 0 && isJsonAsText(request, routes);
    app.useBodyParser('json', { limit: JSON_BODY_LIMIT, type: (request) => !asText(request) && isJson(request) });
    if (routes.length) app.useBodyParser('text', { limit: JSON_BODY_LIMIT, type: asText });
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
  const server = new ResilientKafkaServer(
    kafka!,
    app.get(ConsumerMonitor),
    app.get(OffsetCommitter),
    app.get(EventInbox),
    app.get(TopicConsumers),
  );
  app.connectMicroservice({ strategy: server }, { inheritAppConfig: true });
  app.enableShutdownHooks();
  await app.init();
  await app.startAllMicroservices();
  await app.listen(config.PORT, config.HOST);
  logger.log(`${options.name} listening on ${await app.getUrl()}`, 'Bootstrap');
  return app;
}
