import type { CorrectedRackField, RackState } from '@rackeval/contracts';
import { ErrorDetail } from '@rackeval/platform';
import { type BomLine, domesticContent } from '../../deliveries/domestic-content.rules';
import { IntakeError, IntakeErrorCode } from '../../intake.errors';

export type { BomLine };

/** The record values a correction may change, and what follows from them. */
export interface RackRecordValues {
  lot: string;
  site: string;
  domesticContentPct: string;
  bomCost: string;
  bomCurrency: string;
  bomLines: number;
}

export interface RackCorrectionRecord {
  id: string;
  rackSerial: string;
  changed: CorrectedRackField[];
  reason: string;
  correctedBy: string;
  correctedAt: string;
  before: RackRecordValues;
  after: RackRecordValues;
  previousBom: Array<BomLine & { line: number }>;
}

export interface CorrectionRequest {
  lot?: string;
  site?: string;
  bom?: BomLine[];
}

export interface PlannedCorrection {
  changed: CorrectedRackField[];
  after: RackRecordValues;
  /** The new BOM when it changed. */
  bom?: BomLine[];
}

/** A rack bought or gone back keeps the record it left with (rule RACK_RECORD_CLOSED). */
export const CLOSED_RECORD_STATES: readonly RackState[] = ['PURCHASED', 'RETURNED'];

/**
 * What a correction changes, with domestic content and BOM cost recomputed from the corrected BOM
 * (exact decimals, as at receipt). Refused when the rack is bought or returned (409
 * RACK_RECORD_CLOSED), when the BOM mixes currencies (422), and when nothing would change (422
 * NOTHING_TO_CORRECT).
 */
export function planCorrection(
  rack: { serial: string; state: RackState; lot: string; site: string; bom: BomLine[]; bomCurrency: string },
  request: CorrectionRequest,
): PlannedCorrection {
  if (CLOSED_RECORD_STATES.includes(rack.state)) {
    throw new IntakeError(
      IntakeErrorCode.RACK_RECORD_CLOSED,
      `rack ${rack.serial} is ${rack.state}; its record is closed and can no longer be corrected (corrections are allowed until it is bought or returned)`,
      [{ field: 'state', message: `rack is ${rack.state}` }],
    );
  }
  const changed: CorrectedRackField[] = [];
  if (request.bom && !sameBom(rack.bom, request.bom)) changed.push('bom');
  if (request.lot !== undefined && request.lot !== rack.lot) changed.push('lot');
  if (request.site !== undefined && request.site !== rack.site) changed.push('site');
  if (!changed.length) {
    throw new IntakeError(
      IntakeErrorCode.NOTHING_TO_CORRECT,
      `the correction of rack ${rack.serial} changes nothing: give a different lot, site or BOM`,
      [{ field: 'body', message: 'lot, site and bom equal the current record' }],
    );
  }
  const bom = changed.includes('bom') ? request.bom! : rack.bom;
  const currency = bom[0].currency;
  const mixed: ErrorDetail[] = bom.flatMap((line, index) =>
    line.currency === currency
      ? []
      : [{ field: `bom[${index}].currency`, message: `${line.currency} differs from the BOM currency ${currency}` }],
  );
  if (mixed.length)
    throw new IntakeError(
      IntakeErrorCode.MIXED_BOM_CURRENCIES,
      'every line of a rack BOM must be in one currency to compute its domestic content',
      mixed,
    );
  const content = domesticContent(bom);
  return {
    changed,
    after: {
      lot: request.lot ?? rack.lot,
      site: request.site ?? rack.site,
      domesticContentPct: content.pct.toFixed(2),
      bomCost: content.bomCost.toFixed(2),
      bomCurrency: currency,
      bomLines: bom.length,
    },
    ...(changed.includes('bom') ? { bom } : {}),
  };
}

const key = (line: BomLine) =>
  [
    line.partNumber,
    line.category,
    line.quantity,
    Number(line.unitCost).toString(),
    line.currency,
    line.supplier,
    line.countryOfOrigin,
  ].join('|');

function sameBom(a: readonly BomLine[], b: readonly BomLine[]): boolean {
  return a.length === b.length && a.every((line, index) => key(line) === key(b[index]));
}
