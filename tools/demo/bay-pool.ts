// Test bays per site. A bay holds one active run, so each rack borrows a free bay for a run and
// gives it back; racks left mid-run keep theirs. When a site runs out, the pool opens another bay.
import { bayCode, BAYS_PER_SITE, Site, SITES } from './catalogue';
import { answer, DemoApi, expectStatus, listAll } from './client';

export class BayPool {
  private readonly free = new Map<Site, string[]>(SITES.map((site) => [site, []]));
  private readonly next = new Map<Site, number>();
  created = 0;

  constructor(private readonly api: DemoApi) {}

  /** Registers the standard bays (a known one answers 409) and learns which are busy with earlier runs. */
  async prepare(): Promise<void> {
    for (const site of SITES) {
      for (let n = 1; n <= BAYS_PER_SITE; n++) await this.register(site, bayCode(site, n));
    }
    const ada = this.api.as('ada');
    const bays = await listAll('list bays', (page) => answer(ada.testRun.GET('/v1/bays', { params: { query: page } })));
    const busy = new Set<string>();
    for (const state of ['SCHEDULED', 'RUNNING'] as const) {
      const runs = await listAll(`list ${state} runs`, (page) =>
        answer(ada.testRun.GET('/v1/runs', { params: { query: { ...page, state } } })),
      );
      runs.forEach((run) => busy.add(run.bay));
    }
    for (const site of SITES) {
      const prefix = bayCode(site, 0).slice(0, -2);
      const ours = bays.filter((bay) => bay.site === site && bay.code.startsWith(prefix));
      this.free.set(
        site,
        ours
          .map((bay) => bay.code)
          .filter((code) => !busy.has(code))
          .sort(),
      );
      this.next.set(site, Math.max(BAYS_PER_SITE, ...ours.map((bay) => Number(bay.code.slice(prefix.length)) || 0)) + 1);
    }
  }

  async acquire(site: Site): Promise<string> {
    const free = this.free.get(site)!;
    if (free.length) return free.shift()!;
    for (;;) {
      const n = this.next.get(site)!;
      this.next.set(site, n + 1);
      if (await this.register(site, bayCode(site, n))) {
        this.created++;
        return bayCode(site, n);
      }
    }
  }

  release(site: Site, code: string): void {
    this.free.get(site)!.push(code);
  }

  /** True when this call created the bay; false when it already existed. */
  private async register(site: Site, code: string): Promise<boolean> {
    const registered = await answer(this.api.as('ada').testRun.POST('/v1/bays', { body: { code, site } }));
    expectStatus(registered, [201, 409], `register bay ${code}`);
    return registered.status === 201;
  }
}
