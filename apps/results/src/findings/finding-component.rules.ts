import type { SuspectedComponentV1 } from '@rackeval/contracts';
import { ResultsError, ResultsErrorCode } from '../results.errors';
import { normalisePartNumber } from './finding-group.rules';
import type { FindingRack } from './finding.model';

/**
 * Links a suspected part to the rack's BOM line. When results knows the rack's BOM, the part must
 * be on it (422 naming the field and the rack's part numbers) and the line's supplier, country and
 * category are copied; when intake's events carried no BOM, the part number is kept as given.
 */
/**
 * The component a diagnosis named, linked to the BOM line when the part is on it; otherwise kept as
 * the harness reported it (an automatic finding is never refused: a person triages it later).
 */
export function suspectedFromDiagnosis(
  partNumber: string | null,
  location: string | null,
  rack: FindingRack | undefined,
): SuspectedComponentV1 | null {
  if (!partNumber) return null;
  const input = { partNumber, ...(location ? { location: location.slice(0, 120) } : {}) };
  try {
    return linkToBom(input, rack);
  } catch {
    return input;
  }
}

export function linkToBom(
  input: { partNumber: string; location?: string },
  rack: FindingRack | undefined,
  field = 'component.partNumber',
): SuspectedComponentV1 {
  const partNumber = input.partNumber.trim();
  const location = input.location ? { location: input.location } : {};
  if (!rack?.bom) return { partNumber, ...location };
  const wanted = normalisePartNumber(partNumber);
  const line = rack.bom.find((candidate) => normalisePartNumber(candidate.partNumber) === wanted);
  if (!line) {
    const known = rack.bom.map((l) => l.partNumber);
    throw new ResultsError(
      ResultsErrorCode.UNKNOWN_BOM_LINE,
      `part ${partNumber} is not on the bill of materials of rack ${rack.rackSerial} (${known.slice(0, 20).join(', ')}${known.length > 20 ? ', …' : ''})`,
      [{ field, message: `not a part number of rack ${rack.rackSerial}` }],
    );
  }
  return {
    partNumber: line.partNumber,
    supplier: line.supplier,
    countryOfOrigin: line.countryOfOrigin,
    category: line.category,
    ...location,
  };
}
