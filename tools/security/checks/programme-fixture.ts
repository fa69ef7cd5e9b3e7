/**
 * A little programme for the checks that need real data: generation GSEC with active terms (proposed
 * by one finance user, approved by another; the price above the approval threshold) and a delivery
 * of racks, each with an option. All but the last are rejected at intake, so their options can be
 * decided (NOT_EXERCISABLE); the last two stay RECEIVED (fuzzing intake's rack routes, a test run).
 */
import { RackevalSystem, waitFor } from '@rackeval/testing';
import { send } from '../support/http';
import { Caller } from './callers';

export const FIXTURE_GENERATION = 'GSEC';

export interface Fixture {
  /** Racks rejected at intake, their options NOT_EXERCISABLE. */
  decidable: string[];
  /** Two racks left RECEIVED: one for fuzzing intake's rack routes, one for a test run. */
  spare: string;
  forRun: string;
}

/** `inspectionNote(i)`: the note on the failed check of the i-th rejected rack (it travels to purchase-option's audit). */
export async function buildFixture(
  system: RackevalSystem,
  callers: Caller[],
  secondFinance: string,
  decidableCount: number,
  inspectionNote: (index: number) => string,
): Promise<Fixture> {
  const token = (role: string) => callers.find((caller) => caller.role === role)!.token!;
  const call = async (
    method: string,
    service: Parameters<RackevalSystem['url']>[0],
    path: string,
    role: string,
    body: unknown,
    accept: number[],
  ) => {
    const answer = await send(method, `${system.url(service)}${path}`, { token: token(role), body: JSON.stringify(body) });
    if (!accept.includes(answer.status))
      throw new Error(`fixture: ${method} ${service}${path} answered ${answer.status} ${answer.text.slice(0, 300)}`);
    return answer;
  };
  const generation = {
    code: FIXTURE_GENERATION,
    name: 'Security suite',
    cooling: 'air',
    rackPowerBudgetKw: '40.000',
    gpusPerRack: 8,
    domesticContentTargetPct: '40.00',
  };
  await call('POST', 'intake', '/v1/generations', 'admin', generation, [201]);
  const terms = { unitPrice: '1000000.00', currency: 'USD', windowDays: 30, approvalThreshold: '500000.00' };
  // purchase-option learns of the generation from intake's event.
  await waitFor(
    'terms proposed',
    async () =>
      (
        await send('PUT', `${system.url('purchase-option')}/v1/terms/${FIXTURE_GENERATION}`, {
          token: token('finance'),
          body: JSON.stringify(terms),
        })
      ).status === 201,
    {
      timeoutMs: 30_000,
      intervalMs: 200,
    },
  );
  const approval = await send('POST', `${system.url('purchase-option')}/v1/terms/${FIXTURE_GENERATION}/versions/1/approval`, {
    token: secondFinance,
    body: JSON.stringify({ approve: true, note: 'four eyes' }),
  });
  if (approval.status !== 200) throw new Error(`fixture: terms approval answered ${approval.status} ${approval.text.slice(0, 300)}`);
  const serials = Array.from({ length: decidableCount + 2 }, (_, i) => `SEC-RACK-${String(i + 1).padStart(4, '0')}`);
  const bom = [
    {
      partNumber: 'GPU-TRAY',
      category: 'compute',
      quantity: 8,
      unitCost: '25000.00',
      currency: 'USD',
      supplier: 'Acme',
      countryOfOrigin: 'US',
    },
  ];
  const racks = serials.map((serial) => ({ serial, generation: FIXTURE_GENERATION, lot: 'LOT-SEC', bom }));
  await call(
    'POST',
    'intake',
    '/v1/deliveries',
    'intake',
    { reference: 'SEC-DELIVERY-1', site: 'US-TX-1', receivedAt: '2026-11-20T14:05:00Z', racks },
    [201],
  );
  const checks = (note: string) =>
    // An air-cooled generation: its checklist has no coolant leak test (intake refuses one).
    ['shock-tilt-indicators', 'visual-damage', 'power-on-self-test'].map((name) =>
      name === 'visual-damage' ? { name, passed: false, note } : { name, passed: true },
    );
  const decidable = serials.slice(0, decidableCount);
  for (const [index, serial] of decidable.entries()) {
    const path = `/v1/racks/${serial}/inspections`;
    // A note intake refuses (control characters) is fine: the rack is rejected without it.
    const noted = await call('POST', 'intake', path, 'intake', { checks: checks(inspectionNote(index)), outcome: 'REJECTED' }, [201, 400]);
    if (noted.status === 400) await call('POST', 'intake', path, 'intake', { checks: checks('damaged'), outcome: 'REJECTED' }, [201]);
  }
  for (const serial of decidable) {
    const state = async () => {
      const answer = await send('GET', `${system.url('purchase-option')}/v1/options/${serial}`, { token: token('finance') });
      return answer.status === 200 ? answer.json<{ state: string }>().state : undefined;
    };
    await waitFor(`option of ${serial} NOT_EXERCISABLE`, async () => (await state()) === 'NOT_EXERCISABLE', {
      timeoutMs: 30_000,
      intervalMs: 200,
    });
  }
  return { decidable, spare: serials[decidableCount], forRun: serials[decidableCount + 1] };
}
