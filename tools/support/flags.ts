/** What a flag's handler may read: the flag's value (`--name value` or `--name=value`), as given or as a whole number. */
export interface FlagValue {
  text(): string;
  /** A whole number ≥ 0, or a refusal naming the flag. */
  int(): number;
  /** A comma-separated list, empty items dropped. */
  list(): string[];
}

/**
 * Reads a suite's command line (`npm run test:faults -- …`, `npm run test:security -- …`): each argument
 * goes to the handler of its flag; an unknown flag or a bad number is refused with `usage`.
 */
export function readFlags(argv: string[], usage: string, handlers: Record<string, (value: FlagValue) => void>): void {
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    const handle = handlers[flag];
    if (!handle) throw new Error(`unknown argument ${argv[i]}\n${usage}`);
    let taken: string | undefined;
    const text = () => (taken ??= inline ?? argv[++i]);
    handle({
      text,
      int: () => {
        const n = Number(text());
        if (!Number.isInteger(n) || n < 0) throw new Error(`${flag} needs a whole number\n${usage}`);
        return n;
      },
      list: () => text().split(',').filter(Boolean),
    });
  }
}
