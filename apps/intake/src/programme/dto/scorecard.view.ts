import { ApiProperty } from '@nestjs/swagger';
import { ApiDateTime, ApiDecimal } from '@rackeval/platform';

/** The evaluation outcomes of a set of racks: concluded means passed or failed (latest verdict). */
export class OutcomeFigures {
  @ApiProperty() racks: number;
  @ApiProperty({ description: 'racks whose evaluation concluded' }) concluded: number;
  @ApiProperty({ description: 'racks whose latest evaluation verdict is a failure' }) failed: number;
  @ApiDecimal({ nullable: true, example: '12.50', description: 'failed ÷ concluded, percent, 2 decimals; null before any conclusion' })
  failureRatePct: string | null;
}

export class SupplierGenerationScore extends OutcomeFigures {
  @ApiProperty({ example: 'G1' }) generation: string;
  @ApiDecimal({ nullable: true, example: '40.00', description: "US-origin share of this supplier's BOM cost, percent" }) domesticSharePct:
    string | null;
}

export class SupplierScore extends OutcomeFigures {
  @ApiProperty({ example: 'Foxconn' }) supplier: string;
  @ApiProperty({ example: 'USD', description: 'costs are compared within one currency; a supplier billed in two has two rows' })
  currency: string;
  @ApiDecimal({ example: '1620000.00', description: "the supplier's BOM cost over these racks, 2 decimals" }) cost: string;
  @ApiDecimal({ example: '648000.00', description: 'of which US-origin parts' }) domesticCost: string;
  @ApiDecimal({ nullable: true, example: '40.00', description: 'domesticCost ÷ cost, percent, 2 decimals' }) domesticSharePct:
    string | null;
  @ApiProperty({ type: [SupplierGenerationScore], description: 'the same figures per generation' }) byGeneration: SupplierGenerationScore[];
}

export class SupplierScorecardView {
  @ApiDateTime({ description: 'when the figures were computed (a read model, recomputed when older than a few seconds)' }) asOf: string;
  @ApiProperty({ type: [SupplierScore], description: 'highest failure rate first' }) suppliers: SupplierScore[];
}

export class LotScore extends OutcomeFigures {
  @ApiProperty({ example: 'LOT-2026-11-A' }) lot: string;
  @ApiProperty({ example: 'G1' }) generation: string;
  @ApiDecimal({ nullable: true, example: '61.30', description: "mean of the lot's racks' domestic content, percent" })
  meanDomesticContentPct: string | null;
  @ApiDecimal({ example: '60.00' }) domesticContentTargetPct: string;
}

export class LotScorecardView {
  @ApiDateTime({ description: 'when the figures were computed (a read model, recomputed when older than a few seconds)' }) asOf: string;
  @ApiProperty({ type: [LotScore], description: 'highest failure rate first' }) lots: LotScore[];
}
