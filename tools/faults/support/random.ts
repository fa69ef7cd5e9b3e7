/** A seeded generator (mulberry32): the same seed gives the same racks, chains and fault times. */
export class Random {
  private state: number;

  constructor(readonly seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** A child generator, so one part's draws never shift another's (the nemesis vs the workload). */
  fork(label: string): Random {
    let hash = this.seed;
    for (const char of label) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619) >>> 0;
    return new Random(hash);
  }
}
