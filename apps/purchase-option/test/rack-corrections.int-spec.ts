import { RackCorrected, Topics, toKafkaRecord } from '@rackeval/contracts';
import { produceRaw, testEvent, waitFor } from '@rackeval/testing';
import { received, sendReceived, startedService } from './fixtures';

/** intake's RackCorrected updates the option's evidence and leaves an audit entry; the option's state does not move. */
describe("intake's record corrections in the option's evidence", () => {
  const sut = startedService({ LAPSE_SWEEP_INTERVAL_SECONDS: '3600' });
  beforeAll(() => sut.api.activeTerms('GC', { unitPrice: '900000.00', currency: 'USD', windowDays: 30, approvalThreshold: '1000000.00' }));

  it('takes the corrected lot, site, domestic content and BOM cost, audited with the reason', async () => {
    await sendReceived(received('RK-CORR-1', 'GC'));
    const opened = await sut.api.waitForOption('RK-CORR-1', 'PENDING_EVALUATION');
    expect(opened.evidence.domesticContent).toMatchObject({ pct: '62.50', targetPct: '60.00', met: true });
    const correction = {
      rackSerial: 'RK-CORR-1',
      generation: 'GC',
      occurredAt: new Date().toISOString(),
      actor: 'ines',
      changed: ['bom' as const, 'lot' as const],
      reason: 'certificate of origin: the CDU is made in MX',
      lot: 'LOT-8',
      site: 'AUS-1',
      domesticContentPct: '55.10',
      domesticContentTargetPct: '60.00',
      bomCost: '845000.00',
      bomCurrency: 'USD',
    };
    await produceRaw(Topics.intakeRacks, [toKafkaRecord(testEvent(RackCorrected, correction))]);
    const corrected = await waitFor('the corrected evidence', async () => {
      const option = await sut.api.option('RK-CORR-1');
      return option.evidence.domesticContent.pct === '55.10' ? option : undefined;
    });
    expect(corrected).toMatchObject({ state: 'PENDING_EVALUATION', evidence: { domesticContent: { pct: '55.10', met: false } } });
    const audit = (await (await sut.api.as('fiona')).get('/v1/audit?rack=RK-CORR-1').expect(200)).body.items;
    expect(audit.map((entry: { action: string }) => entry.action)).toEqual(['OPENED', 'RACK_CORRECTED']);
    expect(audit[1].reason).toContain('domestic content 62.50 → 55.10 %');
  });
});
