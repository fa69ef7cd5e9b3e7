import { IntakeError } from '../../src/intake.errors';

/** The IntakeError that `run` throws, for a spec to look into; any other error is thrown on, and no error fails the spec. */
export function refusal(run: () => unknown): IntakeError {
  try {
    run();
  } catch (error) {
    if (error instanceof IntakeError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}
