import type PdfParse from 'pdf-parse';
import { optionDetail } from '../../test/support/option-view.fixture';
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
});
