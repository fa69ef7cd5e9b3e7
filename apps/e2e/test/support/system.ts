/** The system a spec file runs against, started once for the file. */
import { TestTokens } from '@rackeval/auth/testing';
import { deleteTestTopics, RackevalSystem, TestApi } from '@rackeval/testing';

export interface SystemUnderTest {
  system: RackevalSystem;
  /** Each service called directly, as any seeded user. */
  api: TestApi;
}

/**
 * The four services from their own main.ts on fresh schemas and topics, with test tokens: started
 * before the file's tests (then `setUp`, if given) and stopped after them. Call it in the describe.
 */
export function systemPerFile(setUp?: () => Promise<void>): SystemUnderTest {
  const sut = {} as SystemUnderTest;
  let tokens: TestTokens | undefined;
  beforeAll(async () => {
    tokens = await TestTokens.create();
    sut.system = await RackevalSystem.start({ publicKeyFile: tokens.publicKeyFile });
    sut.api = TestApi.direct(sut.system, tokens);
    await setUp?.();
  });
  afterAll(async () => {
    await sut.system?.stop();
    await deleteTestTopics();
    await tokens?.dispose();
  });
  return sut;
}
