/**
 * The incarnation a fact concerns: results' verdicts and re-opens say it since the return from an RMA
 * exists (added 2026-11-30); a fact without it is about the unit as first delivered.
 */
export function incarnationOf(fact: { incarnation?: number }): number {
  return fact.incarnation ?? 1;
}

/**
 * Where a fact about incarnation `fact` stands against the incarnation the option knows: facts are
 * applied monotonically, so an older one is history (recorded, never applied, never dead-lettered) and a
 * newer one means the unit came back before intake's return reached this service.
 */
export function incarnationOrder(fact: number, known: number): 'older' | 'current' | 'newer' {
  if (fact < known) return 'older';
  return fact === known ? 'current' : 'newer';
}
