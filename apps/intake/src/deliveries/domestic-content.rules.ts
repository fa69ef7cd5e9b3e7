import { Decimal } from '@rackeval/platform';

export interface CostedLine {
  quantity: number;
  unitCost: string;
  countryOfOrigin: string;
}

/** One line of a rack's bill of materials, as received or corrected. */
export interface BomLine extends CostedLine {
  partNumber: string;
  category: string;
  currency: string;
  supplier: string;
}

export interface DomesticContent {
  /** Exact total of quantity × unit cost. */
  bomCost: Decimal;
  /** Exact total of the US-origin lines. */
  domesticCost: Decimal;
  /** US-origin share of the cost, percent, 2 decimals, rounded half-to-even. "0.00" for a zero-cost BOM. */
  pct: Decimal;
}

/**
 * Domestic content = cost share of US-origin parts. Computed on exact decimals and rounded once,
 * at the end. A BOM whose lines all cost nothing has no cost share to claim: 0.00 %.
 */
export function domesticContent(lines: CostedLine[]): DomesticContent {
  let bomCost = Decimal.zero();
  let domesticCost = Decimal.zero();
  for (const line of lines) {
    const cost = Decimal.of(line.quantity).times(Decimal.parse(line.unitCost));
    bomCost = bomCost.plus(cost);
    if (line.countryOfOrigin === 'US') domesticCost = domesticCost.plus(cost);
  }
  const pct = bomCost.isZero() ? Decimal.zero(2) : domesticCost.times(Decimal.of(100)).dividedBy(bomCost, 2);
  return { bomCost, domesticCost, pct };
}

export function meetsTarget(pct: string, targetPct: string): boolean {
  return Decimal.parse(pct).compare(Decimal.parse(targetPct)) >= 0;
}

/** A rack's stored cost figures as the API shows them: exact to the cent, its domestic content set against its generation's target. */
export function costFigures(stored: { bomCost: string; bomCurrency: string; domesticContentPct: string; targetPct: string }) {
  const pct = Decimal.parse(stored.domesticContentPct).toFixed(2);
  const target = Decimal.parse(stored.targetPct).toFixed(2);
  return {
    bomCost: Decimal.parse(stored.bomCost).toFixed(2),
    bomCurrency: stored.bomCurrency,
    domesticContentPct: pct,
    domesticContentTargetPct: target,
    meetsDomesticContentTarget: meetsTarget(pct, target),
  };
}

/** A rack's columns that every view of it shows, as stored: the rack joined with its generation's target. */
export interface StoredRackFigures {
  serial: string;
  generation: string;
  lot: string;
  bom_cost: string;
  bom_currency: string;
  domestic_content_pct: string;
  domestic_content_target_pct: string;
}

/** A rack as intake's views show it: serial, generation and lot, then the view's own `fields`, then its cost figures. */
export function rackFigures<T extends object>(row: StoredRackFigures, fields: T) {
  return {
    serial: row.serial,
    generation: row.generation,
    lot: row.lot,
    ...fields,
    ...costFigures({
      bomCost: row.bom_cost,
      bomCurrency: row.bom_currency,
      domesticContentPct: row.domestic_content_pct,
      targetPct: row.domestic_content_target_pct,
    }),
  };
}
