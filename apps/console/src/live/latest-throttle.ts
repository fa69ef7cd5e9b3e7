/**
 * Hands on the latest value at most once per `intervalMs`: the first at once, any that arrive
 * within the interval coalesced into the last of them, delivered when the interval ends. The last
 * value is never dropped; `flush` delivers a waiting one now (the stream ended), `cancel` forgets it.
 */
export interface LatestThrottle<T> {
  push(value: T): void;
  flush(): void;
  cancel(): void;
}

export function latestThrottle<T>(deliver: (value: T) => void, intervalMs: number): LatestThrottle<T> {
  let waiting: { value: T } | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const open = () => {
    timer = setTimeout(() => {
      timer = undefined;
      if (!waiting) return;
      const { value } = waiting;
      waiting = undefined;
      deliver(value);
      open();
    }, intervalMs);
  };
  return {
    push(value) {
      if (timer === undefined) {
        deliver(value);
        open();
      } else waiting = { value };
    },
    flush() {
      clearTimeout(timer);
      timer = undefined;
      if (!waiting) return;
      const { value } = waiting;
      waiting = undefined;
      deliver(value);
    },
    cancel() {
      clearTimeout(timer);
      timer = undefined;
      waiting = undefined;
    },
  };
}
