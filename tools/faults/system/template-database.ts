import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { OwnPostgres } from '../infra/own-postgres';
import { faultRolePassword } from '../support/env';
import { SERVICE_NAMES, schemaOf, serviceEnv } from './fault-system';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../../..');
export const TEMPLATE_DATABASE = 'faults_template';

/**
 * Roles and schemas by infra/postgres/setup.mjs, then each service's own migrate.ts, once per
 * suite run into a template database; every scenario's database is a copy of it (CREATE DATABASE
 * … TEMPLATE takes a fraction of a second, migrating four services from source many seconds).
 */
export async function prepareTemplate(pg: OwnPostgres, publicKeyFile: string): Promise<void> {
  const env = { ...process.env, PG_ADMIN_URL: pg.adminUrl(), RACKEVAL_DB: TEMPLATE_DATABASE, RACKEVAL_TEST_DB: TEMPLATE_DATABASE };
  await run(process.execPath, [path.join(ROOT, 'infra/postgres/setup.mjs')], { env, cwd: ROOT });
  // setup.mjs gives the roles the passwords of the project's state folder; this cluster's roles get
  // this run's own (roles are cluster-wide, so every copy of the template shares them).
  for (const service of SERVICE_NAMES) {
    for (const role of [`rackeval_${schemaOf(service)}`, `rackeval_${schemaOf(service)}_owner`]) {
      await pg.query('postgres', `ALTER ROLE "${role}" PASSWORD '${faultRolePassword(role)}'`);
    }
  }
  const setting = { scenario: 'template', prefix: 'faults.template.', database: TEMPLATE_DATABASE, artifactDir: '', publicKeyFile };
  await Promise.all(
    SERVICE_NAMES.map((service) =>
      run(process.execPath, ['-r', path.join(ROOT, 'tools/register-ts.js'), path.join(ROOT, 'apps', service, 'src', 'migrate.ts')], {
        env: { ...process.env, ...serviceEnv(setting, pg.port, service, `migrate-${service}`, 0) },
        cwd: ROOT,
      }),
    ),
  );
}

export async function copyTemplate(pg: OwnPostgres, database: string): Promise<void> {
  await pg.query('postgres', `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  await pg.query('postgres', `CREATE DATABASE "${database}" TEMPLATE ${TEMPLATE_DATABASE}`);
}
