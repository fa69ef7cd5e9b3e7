import type PdfParse from 'pdf-parse';
import { approvalEntry, optionDetail } from '../../test/support/option-view.fixture';
import { decisionMemo } from './decision-memo';
import { memoPdf } from './memo-pdf';

// The library entry reads a sample file when it thinks it is run directly; its lib/ file does not.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const pdf: typeof PdfParse = require('pdf-parse/lib/pdf-parse.js');

describe('the decision memo PDF', () => {
  it('carries the evidence, both verdicts, the price, the value figures, the history and the approvers as text', async () => {
    const option = optionDetail();
    const sut = await memoPdf(
      'Decision memo: purchase option for rack RK-0001',
      decisionMemo(option, new Date('2026-01-21T00:00:00.000Z')),
      new Date(),
    );
    expect(sut.subarray(0, 5).toString()).toBe('%PDF-');
    const { text } = await pdf(sut);
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain('rack RK-0001');
    expect(flat).toContain('Performance verdict: PASSED (5 of 5 criteria met)');
    expect(flat).toContain(`Cost verdict: ${option.evidence.value.costVerdict}`);
    expect(flat).toContain('Unit price: 1250000.10 USD');
    expect(flat).toContain('24000 tokens/s (target 20000 tokens/s, met)');
    expect(flat).toContain('118.4 kW');
    expect(flat).toContain('62.50% (target 60.00%, met)');
    expect(flat).toContain(option.evidence.value.tco.value!);
    expect(flat).toContain('EXERCISE_APPROVED');
    expect(flat).toContain('approved for the Q1 board');
    expect(flat).toContain('Decided by: fiona');
    expect(flat).toContain('Approved by: farid');
  });

  it('says what is missing for an option still awaiting its evaluation', async () => {
    const option = optionDetail({ state: 'PENDING_EVALUATION', outcome: null, history: [] });
    option.evidence.evaluation = null;
    const { text } = await pdf(await memoPdf('memo', decisionMemo(option, new Date()), new Date()));
    expect(text.replace(/\s+/g, ' ')).toContain('Performance verdict: awaiting the evaluation');
  });

  it('says which incarnation a rack back from an RMA is, under which RMA, how and when, and dates each history line by incarnation', async () => {
    const first = optionDetail();
    const option = optionDetail({
      incarnation: 2,
      rma: {
        rmaId: '4b1f2c3d-0000-4000-8000-000000000001',
        rmaNumber: 'RMA-2026-7001',
        shippedAt: '2026-01-15T08:00:00.000Z',
        receivedAt: '2026-01-19T23:30:00.000Z',
        incarnationAfter: 2,
        returnKind: 'REPLACED',
        replacedBy: 'RK-0001R',
      },
      history: [
        ...first.history,
        approvalEntry({
          id: '3',
          action: 'REOPENED_AFTER_RMA',
          actor: 'system',
          occurredAt: '2026-01-19T23:31:00.000Z',
          fromState: 'EXERCISED',
          toState: 'PENDING_EVALUATION',
          reason: 'back from RMA RMA-2026-7001 as incarnation 2',
          incarnation: 2,
        }),
      ],
    });
    const flat = (await pdf(await memoPdf('memo', decisionMemo(option, new Date()), new Date()))).text.replace(/\s+/g, ' ');
    expect(flat).toContain('Incarnation 2 — back from the manufacturer under RMA RMA-2026-7001 (replaced) on 2026-01-19');
    expect(flat.indexOf('Incarnation 2 —')).toBeLessThan(flat.indexOf('Performance verdict'));
    // Table cells wrap inside their column, so the history is compared without whitespace.
    const history = flat.slice(flat.indexOf('Decision history')).replace(/\s+/g, '');
    expect(history).toContain('When(UTC)IncarnationAction');
    expect(history).toContain('2026-01-14T10:00:00.000Z1EXERCISE_APPROVED');
    expect(history).toContain('2026-01-19T23:31:00.000Z2REOPENED_AFTER_RMA');

    const firstText = (await pdf(await memoPdf('memo', decisionMemo(first, new Date()), new Date()))).text;
    expect(firstText).not.toContain('Incarnation');
  });

  it('does not name an RMA the view cannot tie to the incarnation (the rack is away again)', async () => {
    const option = optionDetail({
      incarnation: 2,
      rma: {
        rmaId: '4b1f2c3d-0000-4000-8000-000000000002',
        rmaNumber: 'RMA-2026-7009',
        shippedAt: '2026-02-01T08:00:00.000Z',
        receivedAt: null,
        incarnationAfter: null,
        returnKind: null,
        replacedBy: null,
      },
    });
    const flat = (await pdf(await memoPdf('memo', decisionMemo(option, new Date()), new Date()))).text.replace(/\s+/g, ' ');
    expect(flat).toContain('Incarnation 2 — back from the manufacturer after an RMA (its return is not on record here)');
    expect(flat).not.toContain('under RMA RMA-2026-7009');
  });
});
