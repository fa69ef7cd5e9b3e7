/**
 * Which PostgreSQL this machine uses, as `node tools/setup/postgres.mjs ensure` (run by `npm start`
 * and `npm test`) recorded it in `.rackeval/postgres.json`: the server at PG_ADMIN_URL (default
 * 127.0.0.1:5432) when it answered, else the embedded one. Read, with the generated passwords, by the
 * very module that script uses (tools/setup/postgres-in-use.cjs); it never starts anything.
 */
export {
  adminUrlInUse as localAdminUrl,
  DEFAULT_ADMIN_URL,
  rolePassword as localRolePassword,
  serverInUse as localServerInUse,
  withDatabase as urlWithDatabase,
} from '../../../tools/setup/postgres-in-use.cjs';
