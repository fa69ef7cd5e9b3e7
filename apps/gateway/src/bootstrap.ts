import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { redactCredentials } from '@rackeval/auth';
import { configureHttp, JsonLogger, startTracing } from '@rackeval/platform';
import express from 'express';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { AppModule } from './app.module';
import { GatewayConfig } from './config';
import { securityHeaders } from './security-headers';

/**
 * The gateway parses JSON only for its own sign-in route: every `/api/<service>/…` body streams
 * to the service untouched. The built console, when present, is served at `/`. Every log line is
 * redacted of credentials (request paths included) before it is written.
 */
export async function bootstrapGateway(
  config: GatewayConfig,
  writeLog: (line: string) => void = (line) => process.stdout.write(line),
): Promise<INestApplication> {
  startTracing('gateway');
  const logger = new JsonLogger('gateway', config.LOG_LEVEL, (line) => writeLog(redactCredentials(line)));
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(config), {
    logger,
    bodyParser: false,
    abortOnError: false,
  });
  app.disable('x-powered-by');
  app.use(securityHeaders(config.AUTH_MODE === 'oidc' ? config.AUTH_ISSUER : undefined));
  app.use('/api/auth', express.json({ limit: '16kb' }));
  // RFC 6749 §4.4: the client-credentials grant is form-encoded (JSON accepted as well).
  app.use('/api/auth/token', express.urlencoded({ extended: false, limit: '16kb' }));
  configureHttp(app, { title: 'rackeval gateway', jsonBody: false });
  if (config.CONSOLE_DIR && existsSync(config.CONSOLE_DIR)) {
    const index = path.resolve(config.CONSOLE_DIR, 'index.html');
    app.use(express.static(config.CONSOLE_DIR));
    // Client-side routes of the console fall back to its index page; server paths keep their handlers.
    const serverPath = /^\/(api|health|metrics|docs)(\/|$|-json)/;
    app.use((request: express.Request, response: express.Response, next: express.NextFunction) =>
      request.method === 'GET' && !serverPath.test(request.path) ? response.sendFile(index) : next(),
    );
  }
  app.enableShutdownHooks();
  await app.listen(config.PORT, config.HOST);
  logger.log(`gateway listening on ${await app.getUrl()}`, 'Bootstrap');
  return app;
}
