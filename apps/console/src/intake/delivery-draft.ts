import { BOM_CATEGORIES, type BomCategory, type NewDelivery } from '@rackeval/api-client';

/** The delivery form's state: every field as typed, so half-filled rows are kept as they are. */
export interface BomLineDraft {
  partNumber: string;
  category: BomCategory;
  quantity: string;
  unitCost: string;
  currency: string;
  supplier: string;
  countryOfOrigin: string;
}

export interface RackDraft {
  serial: string;
  generation: string;
  lot: string;
  bom: BomLineDraft[];
}

export interface DeliveryDraft {
  reference: string;
  site: string;
  receivedAt: string;
  racks: RackDraft[];
}

export const emptyBomLine = (): BomLineDraft => ({
  partNumber: '',
  category: BOM_CATEGORIES[0],
  quantity: '1',
  unitCost: '',
  currency: 'USD',
  supplier: '',
  countryOfOrigin: '',
});
export const emptyRack = (generation = ''): RackDraft => ({ serial: '', generation, lot: '', bom: [emptyBomLine()] });
export const emptyDelivery = (): DeliveryDraft => ({ reference: '', site: '', receivedAt: '', racks: [emptyRack()] });

/** Problems the person can fix before sending, named like the service names them. */
export function checkDraft(draft: DeliveryDraft): Array<{ field: string; message: string }> {
  const problems: Array<{ field: string; message: string }> = [];
  const need = (value: string, field: string, what: string) => {
    if (!value.trim()) problems.push({ field, message: `${what} is required` });
  };
  need(draft.reference, 'reference', 'the carrier reference');
  need(draft.site, 'site', 'the test site');
  if (!draft.receivedAt || Number.isNaN(Date.parse(draft.receivedAt)))
    problems.push({ field: 'receivedAt', message: 'the date and time received is required' });
  const serials = new Set<string>();
  draft.racks.forEach((rack, r) => {
    const at = `racks[${r}]`;
    need(rack.serial, `${at}.serial`, 'the serial');
    if (rack.serial && serials.has(rack.serial))
      problems.push({ field: `${at}.serial`, message: `serial ${rack.serial} appears twice in this delivery` });
    serials.add(rack.serial);
    need(rack.generation, `${at}.generation`, 'the generation');
    need(rack.lot, `${at}.lot`, 'the manufacturing lot');
    rack.bom.forEach((line, l) => {
      const lineAt = `${at}.bom[${l}]`;
      need(line.partNumber, `${lineAt}.partNumber`, 'the part number');
      if (!/^[1-9]\d*$/.test(line.quantity.trim()))
        problems.push({ field: `${lineAt}.quantity`, message: 'the quantity must be a whole number above zero' });
      if (!/^\d+(\.\d{1,4})?$/.test(line.unitCost.trim()))
        problems.push({ field: `${lineAt}.unitCost`, message: 'the unit cost must be an amount such as 1250.00' });
      if (!/^[A-Z]{3}$/.test(line.currency.trim()))
        problems.push({ field: `${lineAt}.currency`, message: 'the currency must be a 3-letter code such as USD' });
      need(line.supplier, `${lineAt}.supplier`, 'the supplier');
      if (!/^[A-Z]{2}$/.test(line.countryOfOrigin.trim().toUpperCase()))
        problems.push({ field: `${lineAt}.countryOfOrigin`, message: 'the country of origin must be a 2-letter code such as US' });
    });
  });
  return problems;
}

/** The request body; money stays a decimal string, times go as UTC ISO-8601. */
export function toDelivery(draft: DeliveryDraft): NewDelivery {
  return {
    reference: draft.reference.trim(),
    site: draft.site.trim(),
    receivedAt: new Date(draft.receivedAt).toISOString().replace('.000Z', 'Z'),
    racks: draft.racks.map((rack) => ({
      serial: rack.serial.trim(),
      generation: rack.generation,
      lot: rack.lot.trim(),
      bom: rack.bom.map((line) => ({
        partNumber: line.partNumber.trim(),
        category: line.category,
        quantity: Number(line.quantity),
        unitCost: line.unitCost.trim(),
        currency: line.currency.trim(),
        supplier: line.supplier.trim(),
        countryOfOrigin: line.countryOfOrigin.trim().toUpperCase(),
      })),
    })),
  };
}

/**
 * Domestic content as the service computes it: the cost share of US-origin lines, shown while typing.
 * Computed in integer ten-thousandths of the currency so money is never a float sum.
 */
export function domesticContentPct(lines: readonly BomLineDraft[]): number | null {
  let total = 0n;
  let domestic = 0n;
  for (const line of lines) {
    const cost = /^(\d+)(?:\.(\d{1,4}))?$/.exec(line.unitCost.trim());
    if (!cost || !/^[1-9]\d*$/.test(line.quantity.trim())) return null;
    const minor = BigInt(cost[1]) * 10000n + BigInt((cost[2] ?? '').padEnd(4, '0'));
    const lineCost = minor * BigInt(line.quantity.trim());
    total += lineCost;
    if (line.countryOfOrigin.trim().toUpperCase() === 'US') domestic += lineCost;
  }
  if (total === 0n) return null;
  return Number((domestic * 10000n) / total) / 100;
}
