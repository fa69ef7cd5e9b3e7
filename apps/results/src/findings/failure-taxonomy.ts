import { ResultsError, ResultsErrorCode } from '../results.errors';

/** The configured failure classes (FINDING_CLASSES), in the order the console shows them. */
export class FailureTaxonomy {
  readonly classes: readonly string[];

  constructor(configured: string) {
    this.classes = [...new Set(configured.split(',').map((c) => c.trim()))];
  }

  check(failureClass: string, field = 'failureClass'): string {
    if (this.classes.includes(failureClass)) return failureClass;
    throw new ResultsError(
      ResultsErrorCode.UNKNOWN_FAILURE_CLASS,
      `failure class ${failureClass} is not in the taxonomy (${this.classes.join(', ')})`,
      [{ field, message: `must be one of ${this.classes.join(', ')}` }],
    );
  }
}
