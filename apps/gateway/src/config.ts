import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, isURL, Matches, Max, Min, MinLength, ValidateBy } from 'class-validator';
import { localIssuerRefusal } from '@rackeval/auth';
import {
  ConfigError,
  HttpConfig,
  IsKafkaSaslMechanism,
  IsKafkaSaslPassword,
  IsKafkaSaslUsername,
  KafkaSaslMechanismName,
  kafkaSaslProblems,
  loadConfig,
} from '@rackeval/platform';

const URL_OPTIONS = { require_tld: false, protocols: ['http', 'https'] };
/** The base URL of a service, or of each of its instances separated by commas (the gateway balances across them). */
const serviceUrl = () =>
  ValidateBy(
    {
      name: 'serviceUrls',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' && instanceUrls(value).length > 0 && instanceUrls(value).every((url) => isURL(url, URL_OPTIONS)),
      },
    },
    { message: '$property must be the base URL of the service, or the base URLs of its instances separated by commas' },
  );
const instanceUrls = (value: string): string[] =>
  value
    .split(',')
    .map((url) => url.trim())
    .filter(Boolean);

export class GatewayConfig extends HttpConfig {
  @Type(() => Number) override PORT = 3000;

  /** Where the local issuer keeps its key pair (created on first start; never committed). */
  @IsString() AUTH_LOCAL_KEY_DIR = '.rackeval/keys';
  /** The password of the seeded development users; stored only as hashes. */
  @IsString() @MinLength(8) LOCAL_USERS_PASSWORD = 'rackeval';
  /** `enabled` runs the local issuer although NODE_ENV is neither development nor test (never in production). */
  @IsOptional() @IsIn(['enabled', 'disabled']) AUTH_LOCAL_ISSUER?: 'enabled' | 'disabled';
  /** Lifetime of the local issuer's tokens. */
  @Type(() => Number) @IsInt() @Min(1) @Max(24 * 3600) AUTH_LOCAL_TOKEN_TTL_SECONDS = 3600;

  /**
   * Sign-in throttling (local issuer; kept in this process's memory, so with several gateway
   * instances each counts on its own). After ACCOUNT_MAX_FAILURES failures for one user name
   * with no gap of WINDOW between them, sign-in for that name waits LOCKOUT seconds, doubling with
   * each further failure up to MAX_LOCKOUT; the same for one address with its larger budget.
   */
  @Type(() => Number) @IsInt() @Min(1) @Max(24 * 3600) SIGN_IN_WINDOW_SECONDS = 15 * 60;
  @Type(() => Number) @IsInt() @Min(1) @Max(1000) SIGN_IN_ACCOUNT_MAX_FAILURES = 5;
  @Type(() => Number) @IsInt() @Min(1) @Max(100_000) SIGN_IN_ADDRESS_MAX_FAILURES = 50;
  @Type(() => Number) @IsInt() @Min(1) @Max(24 * 3600) SIGN_IN_LOCKOUT_SECONDS = 30;
  @Type(() => Number) @IsInt() @Min(1) @Max(7 * 24 * 3600) SIGN_IN_MAX_LOCKOUT_SECONDS = 3600;

  /**
   * The console's OIDC client (AUTH_MODE=oidc): a public client registered at AUTH_ISSUER for the
   * authorization code flow with PKCE, redirect `<console origin>/auth/callback`, post-logout
   * redirect `<console origin>/`. The console reads these at run time from GET /api/auth/config.
   */
  @IsOptional()
  @Matches(/^[\x21-\x7e]{1,200}$/, { message: 'AUTH_CONSOLE_CLIENT_ID must be printable ASCII without spaces' })
  AUTH_CONSOLE_CLIENT_ID?: string;
  /** Scopes the console asks for; `openid` is required. */
  @Matches(/^[\x21-\x7e]+( [\x21-\x7e]+)*$/, { message: 'AUTH_CONSOLE_SCOPES must be scope names separated by single spaces' })
  AUTH_CONSOLE_SCOPES = 'openid profile';

  /**
   * Service accounts (local mode): kept in the gateway's own schema. GATEWAY_DATABASE_URL is the
   * runtime role; GATEWAY_DATABASE_MIGRATION_URL the owner that creates the schema at start (defaults
   * to the runtime URL). Without GATEWAY_DATABASE_URL there are no service accounts.
   */
  @IsOptional() @IsString() GATEWAY_DATABASE_URL?: string;
  @IsOptional() @IsString() GATEWAY_DATABASE_MIGRATION_URL?: string;
  @Matches(/^[a-z_][a-z0-9_]{0,62}$/) GATEWAY_DATABASE_SCHEMA = 'gateway';
  /** Lifetime of a service account's client-credentials token: revocation takes effect within it. */
  @Type(() => Number) @IsInt() @Min(1) @Max(3600) SERVICE_ACCOUNT_TOKEN_TTL_SECONDS = 300;
  /** The furthest expiry an admin may give a service account. */
  @Type(() => Number) @IsInt() @Min(1) @Max(3660) SERVICE_ACCOUNT_MAX_LIFETIME_DAYS = 366;

  /** How long a live-events ticket (POST /api/events/ticket) stays redeemable. */
  @Type(() => Number) @IsInt() @Min(1) @Max(300) LIVE_TICKET_TTL_SECONDS = 30;
  /** A service that has not answered (headers, or the next bytes of a stream) within this is reported as 504. */
  @Type(() => Number) @IsInt() @Min(100) @Max(3_600_000) UPSTREAM_TIMEOUT_MS = 60_000;

  /** How often each service instance's readiness (/health/ready) is checked when a service has several. */
  @Type(() => Number) @IsInt() @Min(100) @Max(60_000) UPSTREAM_CHECK_INTERVAL_MS = 2_000;
  @Type(() => Number) @IsInt() @Min(50) @Max(60_000) UPSTREAM_CHECK_TIMEOUT_MS = 1_000;

  @serviceUrl() INTAKE_URL = 'http://127.0.0.1:3001';
  @serviceUrl() TEST_RUN_URL = 'http://127.0.0.1:3002';
  @serviceUrl() RESULTS_URL = 'http://127.0.0.1:3003';
  @serviceUrl() PURCHASE_OPTION_URL = 'http://127.0.0.1:3004';

  @Matches(/^[\w.-]+:\d{1,5}(,[\w.-]+:\d{1,5})*$/, { message: 'KAFKA_BROKERS must be a comma-separated list of host:port' })
  KAFKA_BROKERS = '127.0.0.1:9092';
  @IsOptional() @Matches(/^[\w.-]*$/) KAFKA_TOPIC_PREFIX = '';
  @Type(() => Number) @IsInt() @Min(1) @Max(1000) KAFKA_PARTITIONS = 6;
  /** The live stream reads Kafka as the gateway's own principal (`rackeval-gateway`), which may only read. */
  @IsKafkaSaslMechanism() KAFKA_SASL_MECHANISM: KafkaSaslMechanismName = 'scram-sha-512';
  @IsKafkaSaslUsername() KAFKA_SASL_USERNAME?: string;
  @IsKafkaSaslPassword() KAFKA_SASL_PASSWORD = 'rackeval';

  /** The built console to serve at `/`, if present. */
  @IsOptional() @IsString() CONSOLE_DIR?: string;

  /**
   * NODE_ENV as the environment set it (undefined when unset); `NODE_ENV` itself defaults to
   * development, which must not be enough to run the local issuer. Set by `loadGatewayConfig`.
   */
  declaredNodeEnv?: string;

  /** The services behind `/api/<name>/…`. Look names up in a Map built from this, never by indexing it. */
  upstreams(): Record<string, string> {
    return {
      intake: this.INTAKE_URL,
      'test-run': this.TEST_RUN_URL,
      results: this.RESULTS_URL,
      'purchase-option': this.PURCHASE_OPTION_URL,
    };
  }

  /** Each service's instances (one or more base URLs). */
  upstreamInstances(): Record<string, string[]> {
    return Object.fromEntries(Object.entries(this.upstreams()).map(([name, urls]) => [name, instanceUrls(urls)]));
  }

  override crossCheck(): string[] {
    const problems = [...super.crossCheck(), ...kafkaSaslProblems(this)];
    if (this.AUTH_LOCAL_TOKEN_TTL_SECONDS > this.AUTH_MAX_TOKEN_AGE_SECONDS) {
      problems.push(
        'AUTH_LOCAL_TOKEN_TTL_SECONDS: must not exceed AUTH_MAX_TOKEN_AGE_SECONDS, or tokens would be refused before they expire',
      );
    }
    if (this.AUTH_MODE === 'oidc') problems.push(...consoleOidcProblems(this));
    if (this.SIGN_IN_LOCKOUT_SECONDS > this.SIGN_IN_MAX_LOCKOUT_SECONDS) {
      problems.push('SIGN_IN_LOCKOUT_SECONDS: must not exceed SIGN_IN_MAX_LOCKOUT_SECONDS');
    }
    return problems;
  }
}

/** What the console needs to sign in through the provider: an issuer URL to discover, a client, `openid`. */
function consoleOidcProblems(config: GatewayConfig): string[] {
  const problems: string[] = [];
  const issuer = URL.canParse(config.AUTH_ISSUER) ? new URL(config.AUTH_ISSUER) : undefined;
  if (!issuer || !['https:', 'http:'].includes(issuer.protocol)) {
    problems.push(
      `AUTH_ISSUER: in oidc mode it must be the provider's issuer URL (its discovery document is <issuer>/.well-known/openid-configuration), got '${config.AUTH_ISSUER}'`,
    );
  } else if (issuer.protocol === 'http:' && config.NODE_ENV === 'production') {
    problems.push('AUTH_ISSUER: must be https in production');
  }
  if (!config.AUTH_CONSOLE_CLIENT_ID)
    problems.push("AUTH_CONSOLE_CLIENT_ID: required in oidc mode (the console's public client at the provider)");
  if (!config.AUTH_CONSOLE_SCOPES.split(' ').includes('openid'))
    problems.push(`AUTH_CONSOLE_SCOPES: must include 'openid', got '${config.AUTH_CONSOLE_SCOPES}'`);
  return problems;
}

/** Loads and checks the gateway's configuration, including whether its local issuer may run here. */
export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const config = loadConfig(GatewayConfig, env);
  config.declaredNodeEnv = env.NODE_ENV;
  const refusal = config.AUTH_MODE === 'local' ? localIssuerRefusal(env.NODE_ENV, config.AUTH_LOCAL_ISSUER === 'enabled') : undefined;
  if (refusal) throw new ConfigError([`NODE_ENV: ${refusal}`]);
  return config;
}
