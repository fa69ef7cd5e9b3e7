import { ownerUrlOf, runtimeRoleOf } from './database-roles';

describe('database roles', () => {
  it('derives the owner role from the runtime role: same server, password and database', () => {
    expect(ownerUrlOf('postgres://rackeval_intake:secret@db:5432/rackeval')).toBe(
      'postgres://rackeval_intake_owner:secret@db:5432/rackeval',
    );
    expect(ownerUrlOf('postgres://db:5432/rackeval')).toBe('postgres://db:5432/rackeval');
  });

  it('grants to the runtime role only when the service does not run as the owner', () => {
    const config = (runtime: string, owner: string) => ({ DATABASE_URL: runtime, migrationUrl: () => owner });

    expect(runtimeRoleOf(config('postgres://svc:p@db/x', 'postgres://svc_owner:p@db/x'))).toBe('svc');
    expect(runtimeRoleOf(config('postgres://svc:p@db/x', 'postgres://svc:p@db/x'))).toBeUndefined();
    expect(runtimeRoleOf(config('postgres://db/x', 'postgres://db/x'))).toBeUndefined();
  });
});
