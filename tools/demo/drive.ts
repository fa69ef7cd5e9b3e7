// Drives one rack through the public API to the end of its scenario, as the people involved would.
import { BayPool } from './bay-pool';
import { FAILING_SUITE, Suite, TEST_PLANS } from './catalogue';
import type { OptionState, PurchaseOption, RackDetail, RackState } from '@rackeval/api-client';
import { answer, DemoApi, errorCode as codeOf, eventually, expectStatus, User } from './client';
import { samplesFor } from './measurements';
import { RackPlan } from './scenarios';

const SAMPLES_PER_METRIC = 240;
const CHECKS = ['shock-tilt-indicators', 'visual-damage', 'coolant-leak-test', 'power-on-self-test'];

export class RackDriver {
  runs = 0;
  samples = 0;

  constructor(
    private readonly api: DemoApi,
    private readonly bays: BayPool,
  ) {}

  async drive(rack: RackPlan): Promise<void> {
    switch (rack.scenario) {
      case 'received':
        return;
      case 'quarantined':
        return this.inspect(rack, 'QUARANTINED');
      case 'rejected':
        return this.inspect(rack, 'REJECTED');
      case 'rejected-returned':
        await this.inspect(rack, 'REJECTED');
        return this.returnRack(rack, 'rejected at intake: carrier damage, manufacturer collects');
      case 'released':
        return this.inspect(rack, 'ACCEPTED');
      case 'requarantined-released':
        await this.inspect(rack, 'QUARANTINED');
        return this.inspect(rack, 'ACCEPTED', 'leak traced to a loose quick-disconnect; re-seated and re-tested dry');
      case 'in-evaluation':
        await this.inspect(rack, 'ACCEPTED');
        return this.evaluate(rack, { leaveRunningAt: 1 + (rack.variant % 3) });
      case 'failed':
        await this.inspect(rack, 'ACCEPTED');
        return this.evaluate(rack, { failing: true });
      case 'reopened-passed':
        await this.inspect(rack, 'ACCEPTED');
        await this.evaluate(rack, { failing: true });
        return this.reopenAndPass(rack);
      case 'corrected-released':
        await this.correctBom(rack);
        return this.inspect(rack, 'ACCEPTED');
      case 'held':
        await this.inspect(rack, 'ACCEPTED');
        await this.evaluate(rack, { leaveRunningAt: 1 });
        return this.wayOut(rack, 'hold', 'rear-door latch sheared during the run; manufacturer field engineer to inspect');
      case 'withdrawn':
        await this.inspect(rack, 'ACCEPTED');
        await this.evaluate(rack, { leaveRunningAt: 1 });
        await this.wayOut(rack, 'withdraw', 'chassis bent when the rack was pulled from its bay; not fit for purchase');
        await this.untilOption(rack, ['WITHDRAWN']);
        return;
      case 'facility-aborted-passed':
        await this.inspect(rack, 'ACCEPTED');
        await this.runSuite(rack, TEST_PLANS[rack.generation][0], 1, { abort: 'FACILITY' });
        await this.evaluate(rack, {});
        await this.untilOption(rack, ['EXERCISABLE']);
        return;
      case 'failed-declined-returned':
        await this.inspect(rack, 'ACCEPTED');
        await this.evaluate(rack, { failing: true });
        await this.decide(rack, 'NOT_EXERCISABLE', 'DECLINE');
        return this.returnRack(rack, 'declined after a failed evaluation; RMA raised with the manufacturer', true);
      default:
        await this.inspect(rack, 'ACCEPTED');
        await this.evaluate(rack, {});
        return this.afterPass(rack);
    }
  }

  private async afterPass(rack: RackPlan): Promise<void> {
    switch (rack.scenario) {
      case 'passed':
      case 'passed-short-window':
        await this.untilOption(rack, ['EXERCISABLE']);
        return;
      case 'lapsed':
        return; // the expiry sweep ends it; the summary waits for that
      case 'pending-approval':
        await this.decide(rack, 'EXERCISABLE', 'EXERCISE');
        return;
      case 'purchased':
        return this.decide(rack, 'EXERCISABLE', 'EXERCISE', true);
      case 'declined':
        return this.decide(rack, 'EXERCISABLE', 'DECLINE');
      case 'declined-returned':
        await this.decide(rack, 'EXERCISABLE', 'DECLINE');
        return this.returnRack(rack, 'option declined; unit shipped back to the manufacturer', true);
    }
  }

  private async inspect(rack: RackPlan, outcome: 'ACCEPTED' | 'QUARANTINED' | 'REJECTED', note?: string): Promise<void> {
    const failed =
      outcome === 'REJECTED'
        ? 'visual-damage'
        : outcome === 'QUARANTINED'
          ? rack.generation === 'G1'
            ? 'shock-tilt-indicators'
            : 'coolant-leak-test'
          : undefined;
    const why: Record<string, string> = {
      'visual-damage': 'rear door and side panel crushed; forklift damage on arrival',
      'shock-tilt-indicators': 'tilt indicator tripped in transit',
      'coolant-leak-test': 'pressure drop of 0.3 bar over 30 min at the manifold',
    };
    // G1 is air-cooled: its checklist has no coolant leak test (intake refuses one).
    const applicable = CHECKS.filter((name) => name !== 'coolant-leak-test' || rack.generation !== 'G1');
    const checks = applicable.map((name) => ({ name, passed: name !== failed, ...(name === failed ? { note: why[name] } : {}) }));
    const inspected = await answer(
      this.api.as('ines').intake.POST('/v1/racks/{serial}/inspections', {
        params: { path: { serial: rack.serial } },
        body: { checks, outcome, ...(note ? { note } : {}) },
      }),
    );
    expectStatus(inspected, 201, `inspect ${rack.serial} (${outcome})`);
  }

  /** Intake's ways out: a hold (test-run aborts the running run, cause HOLD) or a withdrawal (the option ends WITHDRAWN). */
  private async wayOut(rack: RackPlan, way: 'hold' | 'withdraw', reason: string): Promise<void> {
    const path = { params: { path: { serial: rack.serial } }, body: { reason } };
    const api = this.api.as('ines').intake;
    const changed = await answer(
      way === 'hold' ? api.POST('/v1/racks/{serial}/hold', path) : api.POST('/v1/racks/{serial}/withdraw', path),
    );
    expectStatus(changed, 200, `${way} ${rack.serial}`);
  }

  private async returnRack(rack: RackPlan, reason: string, afterOptionEnds = false): Promise<void> {
    if (afterOptionEnds) await this.untilRack(rack, 'AWAITING_RETURN');
    const returned = await answer(
      this.api.as('ines').intake.POST('/v1/racks/{serial}/return', { params: { path: { serial: rack.serial } }, body: { reason } }),
    );
    expectStatus(returned, 200, `return ${rack.serial}`);
  }

  /**
   * Runs the plan's suites in order. A failing rack fails its generation's failing suite on every
   * attempt; some healthy racks have a flaky first attempt (a failed or an aborted run) before passing.
   */
  private async evaluate(rack: RackPlan, options: { failing?: boolean; leaveRunningAt?: number }): Promise<void> {
    const plan = TEST_PLANS[rack.generation];
    for (const [position, suite] of plan.entries()) {
      if (options.leaveRunningAt === position) {
        await this.runSuite(rack, suite, 1, { partial: true });
        return;
      }
      const failsAlways = options.failing && suite.key === FAILING_SUITE[rack.generation];
      const flaky =
        !options.failing &&
        suite.maxAttempts > 1 &&
        ((rack.variant % 4 === 1 && suite.key === 'burn-in') || (rack.variant % 4 === 2 && suite.key === 'thermal-soak'));
      for (let attempt = 1; attempt <= suite.maxAttempts; attempt++) {
        const outcome = failsAlways
          ? await this.runSuite(rack, suite, attempt, { fail: true })
          : flaky && attempt === 1
            ? await this.runSuite(
                rack,
                suite,
                attempt,
                suite.key === 'burn-in' ? { fail: true } : { abort: rack.generation === 'G1' ? 'FACILITY' : 'DEVICE' },
              )
            : await this.runSuite(rack, suite, attempt, {});
        if (outcome === 'passed') break;
      }
      if (failsAlways) return; // the required suite has no attempts left: the evaluation has failed
    }
  }

  /** An admin re-opens the failed evaluation with one more attempt; the failing suite then passes, and the suites after it run. */
  private async reopenAndPass(rack: RackPlan): Promise<void> {
    await this.untilOption(rack, ['NOT_EXERCISABLE']);
    const reason = 'burn-in failures traced to a mis-calibrated PDU in the bay; one more attempt after recalibration';
    const reopened = await answer(
      this.api.as('ada').results.POST('/v1/racks/{serial}/evaluation/reopen', {
        params: { path: { serial: rack.serial } },
        body: { reason, extraAttempts: 1 },
      }),
    );
    expectStatus(reopened, 200, `re-open ${rack.serial}`);
    const plan = TEST_PLANS[rack.generation];
    const failingAt = plan.findIndex((suite) => suite.key === FAILING_SUITE[rack.generation]);
    for (const [position, suite] of plan.entries()) {
      if (position < failingAt) continue;
      await this.runSuite(rack, suite, position === failingAt ? suite.maxAttempts + 1 : 1, {});
    }
  }

  /** Intake corrects the BOM: the first line of foreign origin was in fact made in the US (a certificate of origin arrived). */
  private async correctBom(rack: RackPlan): Promise<void> {
    const path = { params: { path: { serial: rack.serial } } };
    const current = expectStatus(await answer(this.api.as('ines').intake.GET('/v1/racks/{serial}', path)), 200, `read ${rack.serial}`);
    const index = current.bom.findIndex((line) => line.countryOfOrigin !== 'US');
    if (index < 0) return;
    const bom = current.bom.map(({ line: _line, ...rest }, i) => ({
      ...rest,
      category: rest.category as 'compute',
      ...(i === index ? { countryOfOrigin: 'US' } : {}),
    }));
    const reason = `certificate of origin for ${current.bom[index].partNumber}: made in the US, not ${current.bom[index].countryOfOrigin}`;
    expectStatus(
      await answer(this.api.as('ines').intake.POST('/v1/racks/{serial}/corrections', { ...path, body: { reason, bom } })),
      201,
      `correct ${rack.serial}`,
    );
  }

  private async runSuite(
    rack: RackPlan,
    suite: Suite,
    attempt: number,
    how: { fail?: boolean; abort?: 'FACILITY' | 'DEVICE'; partial?: boolean },
  ): Promise<'passed' | 'failed'> {
    const engineer: User = rack.index % 2 ? 'tess' : 'tariq';
    const api = this.api.as(engineer);
    let bay = await this.bays.acquire(rack.site);
    const scheduled = await eventually(
      `schedule ${suite.key} #${attempt} for ${rack.serial}`,
      async () => {
        const scheduling = await answer(api.testRun.POST('/v1/runs', { body: { rackSerial: rack.serial, suite: suite.key, bay } }));
        // A bay taken by someone else's run: leave it and borrow another.
        if (scheduling.status === 409 && codeOf(scheduling) === 'BAY_OCCUPIED') bay = await this.bays.acquire(rack.site);
        return scheduling;
      },
      // test-run learns of the release from intake's events; until then the rack is unknown or not released
      (scheduling) =>
        !(scheduling.status === 422 && ['UNKNOWN_RACK', 'RACK_NOT_RELEASED'].includes(codeOf(scheduling))) &&
        codeOf(scheduling) !== 'BAY_OCCUPIED',
    );
    const run = expectStatus(scheduled, 201, `schedule ${suite.key} for ${rack.serial}`);
    const id = { params: { path: { id: run.id } } };
    this.runs++;
    expectStatus(await answer(api.testRun.POST('/v1/runs/{id}/start', id)), 200, `start run ${run.id}`);
    if (how.abort) {
      // Only a device fault uses up the attempt; a facility trip leaves it for the next run.
      const reason = how.abort === 'FACILITY' ? 'CRAH unit tripped; room above 35 °C' : 'coolant loop pressure alarm on the rack manifold';
      expectStatus(
        await answer(api.testRun.POST('/v1/runs/{id}/abort', { ...id, body: { reason, cause: how.abort } })),
        200,
        `abort run ${run.id}`,
      );
      this.bays.release(rack.site, bay);
      return 'failed';
    }
    const failing = how.fail ? [suite.key === 'burn-in' ? 'rack_power' : suite.metrics[0]] : [];
    const samples = samplesFor({
      generation: rack.generation,
      metrics: suite.metrics,
      failing,
      quality: rack.quality,
      samplesPerMetric: how.partial ? SAMPLES_PER_METRIC / 2 : SAMPLES_PER_METRIC,
      seed: `${rack.serial}/${suite.key}/${attempt}`,
    });
    const logged = await eventually(
      `log ${samples.length} measurements of ${suite.key} for ${rack.serial}`,
      () =>
        answer(
          api.results.POST('/v1/runs/{runId}/measurements', {
            params: { path: { runId: run.id } },
            body: { measurements: samples },
            headers: { 'idempotency-key': `demo-${run.id}-1` },
          }),
        ),
      // results learns of the run (and that it started) from test-run's events
      (logging) => !['UNKNOWN_RUN', 'RUN_NOT_OPEN'].includes(codeOf(logging)),
    );
    expectStatus(logged, [200, 201], `measurements for run ${run.id}`);
    this.samples += samples.length;
    if (how.partial) return 'failed'; // left running: the rack stays in evaluation, its bay stays taken
    expectStatus(await answer(api.testRun.POST('/v1/runs/{id}/complete', id)), 200, `complete run ${run.id}`);
    this.bays.release(rack.site, bay);
    return how.fail ? 'failed' : 'passed';
  }

  /** A finance decision with the evidence in the rationale; exercising above the threshold needs a second finance user. */
  private async decide(
    rack: RackPlan,
    from: 'EXERCISABLE' | 'NOT_EXERCISABLE',
    decision: 'EXERCISE' | 'DECLINE',
    approve = false,
  ): Promise<void> {
    const option = await this.untilOption(rack, [from]);
    const [requester, approver]: User[] = rack.variant % 2 ? ['farid', 'fiona'] : ['fiona', 'farid'];
    const path = { params: { path: { rackSerial: rack.serial } } };
    const decided = expectStatus(
      await answer(
        this.api.as(requester).purchaseOption.POST('/v1/options/{rackSerial}/decision', {
          ...path,
          body: { decision, rationale: rationale(option, decision), ...costWaiver(option, decision) },
        }),
      ),
      200,
      `${decision} ${rack.serial}`,
    );
    if (decided.state === 'PENDING_APPROVAL' && approve) {
      const note = `second review: price ${option.terms?.unitPrice} ${option.terms?.currency} within budget line; evidence checked`;
      expectStatus(
        await answer(
          this.api.as(approver).purchaseOption.POST('/v1/options/{rackSerial}/approval', { ...path, body: { approve: true, note } }),
        ),
        200,
        `approve ${rack.serial}`,
      );
    }
  }

  private async untilOption(rack: RackPlan, states: OptionState[]): Promise<PurchaseOption> {
    const read = await eventually(
      `option ${rack.serial} ${states.join('/')}`,
      () => answer(this.api.as('fiona').purchaseOption.GET('/v1/options/{rackSerial}', { params: { path: { rackSerial: rack.serial } } })),
      (option) => option.status === 200 && states.includes(option.body.state),
    );
    return read.body;
  }

  private async untilRack(rack: RackPlan, state: RackState): Promise<RackDetail> {
    const read = await eventually(
      `rack ${rack.serial} ${state}`,
      () => answer(this.api.as('ines').intake.GET('/v1/racks/{serial}', { params: { path: { serial: rack.serial } } })),
      (detail) => detail.status === 200 && detail.body.state === state,
    );
    return read.body;
  }
}

/** A rack that passed but misses its cost targets is bought only under a waiver naming them. */
function costWaiver(option: PurchaseOption, decision: 'EXERCISE' | 'DECLINE'): { waiver?: string } {
  const value = option.evidence.value;
  if (decision !== 'EXERCISE' || option.state !== 'EXERCISABLE' || value.status === 'NO_TARGETS' || value.costVerdict === 'MEETS')
    return {};
  return { waiver: `early capacity outweighs the cost miss (${value.missedTargets.join(', ') || 'cost not yet judged'})` };
}

function rationale(option: PurchaseOption, decision: 'EXERCISE' | 'DECLINE'): string {
  const evaluation = option.evidence?.evaluation;
  const perf = evaluation?.performance;
  const content = option.evidence?.domesticContent;
  const facts = [
    evaluation ? `${evaluation.criteriaMet}/${evaluation.criteriaTotal} criteria met` : undefined,
    perf?.measured
      ? `${perf.metric} ${Number(perf.measured).toLocaleString('en-US')} ${perf.unit} vs target ${Number(perf.target).toLocaleString('en-US')}`
      : undefined,
    content ? `domestic content ${content.pct} % (target ${content.targetPct} %)` : undefined,
  ].filter(Boolean);
  if (decision === 'EXERCISE') return `exercise: ${facts.join('; ')}`;
  if (evaluation?.outcome === 'FAILED') return `decline: failed ${evaluation.failedSuites.join(', ')}; ${facts.join('; ')}`;
  return content && !content.met
    ? `decline: domestic content below target; ${facts.join('; ')}`
    : `decline: capacity plan covered by earlier units; ${facts.join('; ')}`;
}
