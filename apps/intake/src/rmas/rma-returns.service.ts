import { Injectable } from '@nestjs/common';
import { RackReceived, RackReturned, RackReturnedFromRma, RmaReceived } from '@rackeval/contracts';
import { Transaction, UnitOfWork } from '@rackeval/messaging';
import { Decimal, ErrorDetail } from '@rackeval/platform';
import { DeliveryRepository, isSerialClash } from '../deliveries/delivery.repository';
import { type BomLine, domesticContent } from '../deliveries/domestic-content.rules';
import { UNIT_COST_SCALE } from '../deliveries/dto/delivery.dto';
import { GenerationsRepository } from '../generations/generations.repository';
import { IntakeError, IntakeErrorCode } from '../intake.errors';
import { RackCorrectionsRepository } from '../racks/corrections/rack-corrections.repository';
import { DeferredFactsRepository } from '../racks/lifecycle/deferred-facts.repository';
import { appendRackHistory, RackTransitions } from '../racks/lifecycle/rack-transitions';
import { RackEntity } from '../racks/rack.entity';
import { ReceiveRmaDto, RmaUnitReturnDto } from './dto/rma.dto';
import { RmaDetailView } from './dto/rma.view';
import { RmaRow, RmasRepository } from './rma.repository';
import { RmaReturnsRepository } from './rma-returns.repository';
import {
  assertReceivedAt,
  assertReplacementsNew,
  assertReturnRequest,
  assertUnitsOut,
  replacedReason,
  returnedReason,
} from './rma-returns.rules';
import { RmaStateMachine } from './rma.state-machine';
import { RmaTransitions } from './rma-transitions';
import { fact, lockRacks } from './rmas.service';
import { RmasQueryService } from './rmas-query.service';

/** One receipt: who recorded it, when the units came back, and now. */
interface Receipt {
  rma: RmaRow;
  actor: string;
  receivedAt: Date;
  occurredAt: Date;
}

/**
 * Units of a shipped RMA come back (the incarnation design): under their own serial as its next
 * incarnation (RETURNED_FOR_RMA → RECEIVED, evaluated afresh), or as a new rack under a new serial
 * that names the one it replaces (the old rack RETURNED). All units of a request or none; when the
 * last unit is back the RMA is RECEIVED. Each answer is stored with its Idempotency-Key.
 */
@Injectable()
export class RmaReturnsService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly rmaTransitions: RmaTransitions,
    private readonly rackTransitions: RackTransitions,
    private readonly query: RmasQueryService,
  ) {}

  receive(id: string, dto: ReceiveRmaDto, actor: string): Promise<RmaDetailView> {
    return this.unitOfWork.runOnce(async (tx) => {
      assertReturnRequest(dto.units);
      const rma = await this.rmaTransitions.load(tx, id);
      // Units come back only from a SHIPPED RMA; the move itself waits for the last of them.
      RmaStateMachine.transition(rma.rma_number, rma.state, 'receive');
      const occurredAt = new Date();
      assertReceivedAt(dto.receivedAt, rma.shipped_at, occurredAt);
      const receipt: Receipt = { rma, actor, receivedAt: new Date(dto.receivedAt), occurredAt };
      const racks = new Map((await lockRacks(tx, rma.serials)).map((rack) => [rack.serial, rack]));
      const units = await RmasRepository.units(tx.manager, id);
      assertUnitsOut(
        rma.rma_number,
        dto.units,
        units.map(({ serial, state, received_at, kind }) => ({ serial, state, receivedAt: received_at, kind })),
      );
      const replacements = dto.units.flatMap((unit) => (unit.replacementSerial === undefined ? [] : [unit.replacementSerial]));
      if (replacements.length) assertReplacementsNew(dto.units, await DeliveryRepository.knownSerials(tx.manager, replacements));
      assertOneCurrencyPerBom(dto.units);

      for (const [index, unit] of dto.units.entries()) {
        const rack = racks.get(unit.serial)!;
        if (unit.replacementSerial === undefined) await this.backUnderSerial(tx, receipt, rack, unit);
        else await this.replacedBySerial(tx, receipt, rack, { ...unit, replacementSerial: unit.replacementSerial }, index);
      }

      const after = await RmasRepository.units(tx.manager, id);
      if (after.every((unit) => unit.received_at))
        await this.lastUnitBack(
          tx,
          receipt,
          after.map((unit) => unit.received_at!),
        );
      return this.query.detailIn(tx.manager, id);
    });
  }

  /** The unit comes back under its serial as its next incarnation, with a new BOM when one is given. */
  private async backUnderSerial(tx: Transaction, receipt: Receipt, rack: RackEntity, unit: RmaUnitReturnDto): Promise<void> {
    const { rma, actor, receivedAt, occurredAt } = receipt;
    const incarnation = rack.incarnation + 1;
    await this.rackTransitions.move(tx, rack, 'return-from-rma', {
      actor,
      occurredAt,
      reason: returnedReason(unit.kind, rma.rma_number, incarnation, unit.note),
    });
    // Option decisions parked for the previous incarnation's verdict belong to it, not to the unit that came back.
    await DeferredFactsRepository.resolveAllOf(
      tx.manager,
      rack.serial,
      `ignore: incarnation ${incarnation - 1} ended under RMA ${rma.rma_number}`,
    );
    let bom: BomLine[] = await RackCorrectionsRepository.bom(tx.manager, rack.serial);
    if (unit.bom) {
      bom = unit.bom;
      const figures = figuresOf(bom);
      await RackCorrectionsRepository.replaceBom(tx.manager, rack.serial, bom);
      if (!(await RmaReturnsRepository.updateFigures(tx.manager, rack.serial, rack.version, figures, occurredAt))) {
        throw new IntakeError(
          IntakeErrorCode.CONCURRENT_UPDATE,
          `rack ${rack.serial} was changed by someone else meanwhile; reload and retry`,
        );
      }
      Object.assign(rack, { ...figures, version: rack.version + 1 });
    }
    await RmasRepository.markReceived(tx.manager, rma.id, {
      serial: rack.serial,
      receivedAt,
      receivedBy: actor,
      kind: unit.kind,
      replacementSerial: null,
      incarnation,
      note: unit.note ?? null,
    });
    tx.publish(RackReturnedFromRma, {
      ...(await recordOf(tx, rack, bom)),
      occurredAt: occurredAt.toISOString(),
      actor,
      rmaId: rma.id,
      rmaNumber: rma.rma_number,
      incarnation,
      kind: unit.kind,
      receivedAt: receivedAt.toISOString(),
      ...(unit.note === undefined ? {} : { note: unit.note }),
    });
  }

  /**
   * Another unit came back under a new serial: it is received as a new rack (same generation, lot and
   * site; the given BOM or else the old unit's) with the RMA number as its delivery reference, and
   * the old rack, gone for good, is RETURNED.
   */
  private async replacedBySerial(
    tx: Transaction,
    receipt: Receipt,
    old: RackEntity,
    unit: RmaUnitReturnDto & { replacementSerial: string },
    index: number,
  ): Promise<void> {
    const { rma, actor, receivedAt, occurredAt } = receipt;
    const serial = unit.replacementSerial;
    const bom: BomLine[] =
      unit.bom ?? (await RackCorrectionsRepository.bom(tx.manager, old.serial)).map(({ line: _line, ...rest }) => rest);
    const figures = figuresOf(bom);
    await this.claimDelivery(tx, receipt, old.site, index);
    try {
      await RmaReturnsRepository.insertReplacement(tx.manager, {
        serial,
        deliveryReference: rma.rma_number,
        generation: old.generation,
        lot: old.lot,
        site: old.site,
        ...figures,
        receivedAt,
        replacesSerial: old.serial,
      });
    } catch (error) {
      if (!isSerialClash(error)) throw error;
      throw new IntakeError(IntakeErrorCode.RACK_ALREADY_ON_SITE, `rack ${serial} was received by someone else at the same moment`, [
        { field: `units[${index}].replacementSerial`, message: `${serial} is already known to intake` },
      ]);
    }
    await DeliveryRepository.insertBomLines(
      tx.manager,
      bom.map((line, lineIndex) => ({ ...line, rackSerial: serial, lineNo: lineIndex + 1 })),
    );
    const record = await recordOf(tx, { serial, generation: old.generation, lot: old.lot, site: old.site, ...figures }, bom);
    const received = tx.publish(RackReceived, {
      ...record,
      occurredAt: receivedAt.toISOString(),
      actor,
      deliveryReference: rma.rma_number,
      replacesSerial: old.serial,
    });
    await appendRackHistory(tx.manager, [
      {
        rackSerial: serial,
        fromState: null,
        toState: 'RECEIVED',
        actor,
        reason: `received under RMA ${rma.rma_number} in place of ${old.serial} at ${old.site}${unit.note ? `: ${unit.note}` : ''}`,
        occurredAt: receivedAt,
        causeEventId: null,
        eventId: received.id,
      },
    ]);
    const reason = replacedReason(serial, rma.rma_number, unit.note);
    await this.rackTransitions.move(tx, old, 'replace-under-rma', { actor, occurredAt, reason });
    tx.publish(RackReturned, { rackSerial: old.serial, generation: old.generation, occurredAt: occurredAt.toISOString(), actor, reason });
    await RmasRepository.markReceived(tx.manager, rma.id, {
      serial: old.serial,
      receivedAt,
      receivedBy: actor,
      kind: unit.kind,
      replacementSerial: serial,
      incarnation: null,
      note: unit.note ?? null,
    });
  }

  /** Replacements arrive with a delivery whose reference is the RMA number: the first one creates it. */
  private async claimDelivery(tx: Transaction, { rma, actor, receivedAt }: Receipt, site: string, index: number): Promise<void> {
    const marker = `rma:${rma.id}`;
    const holder = await RmaReturnsRepository.claimDelivery(tx.manager, { reference: rma.rma_number, site, receivedAt, marker, actor });
    if (holder === marker) return;
    throw new IntakeError(
      IntakeErrorCode.DELIVERY_REFERENCE_REUSED,
      `delivery reference ${rma.rma_number} is taken by another delivery; units replaced under a new serial arrive with the RMA number as their delivery reference`,
      [{ field: `units[${index}].replacementSerial`, message: `delivery ${rma.rma_number} already exists` }],
    );
  }

  /** Every unit is back: the RMA is RECEIVED, at the latest of its units' receipts. */
  private async lastUnitBack(tx: Transaction, { rma, actor, occurredAt }: Receipt, receipts: Date[]): Promise<void> {
    const receivedAt = new Date(Math.max(...receipts.map((at) => at.getTime())));
    await this.rmaTransitions.move(
      tx,
      rma,
      { action: 'receive', receivedAt },
      { actor, occurredAt, reason: `all units back from the manufacturer (last at ${receivedAt.toISOString()})` },
    );
    tx.publish(RmaReceived, { ...fact(rma, actor, occurredAt), receivedAt: receivedAt.toISOString() });
  }
}

/** Cost figures of a BOM as intake stores them (exact decimals, as at delivery). */
function figuresOf(bom: readonly BomLine[]) {
  const content = domesticContent([...bom]);
  return {
    bomCost: content.bomCost.toFixed(UNIT_COST_SCALE),
    bomCurrency: bom[0].currency,
    domesticContentPct: content.pct.toFixed(2),
  };
}

/** A rack's record as RackReceived and RackReturnedFromRma carry it. */
async function recordOf(
  tx: Transaction,
  rack: Pick<RackEntity, 'serial' | 'generation' | 'lot' | 'site' | 'bomCost' | 'bomCurrency' | 'domesticContentPct'>,
  bom: readonly BomLine[],
) {
  const generation = await GenerationsRepository.get(tx.manager, rack.generation);
  return {
    rackSerial: rack.serial,
    generation: rack.generation,
    site: rack.site,
    lot: rack.lot,
    domesticContentPct: Decimal.parse(rack.domesticContentPct).toFixed(2),
    domesticContentTargetPct: Decimal.parse(generation.domesticContentTargetPct).toFixed(2),
    bomCost: Decimal.parse(rack.bomCost).toFixed(2),
    bomCurrency: rack.bomCurrency.trim(),
    suppliers: [...new Set(bom.map((line) => line.supplier))].sort(),
    bom: bom.map(({ partNumber, category, quantity, supplier, countryOfOrigin }) => ({
      partNumber,
      category,
      quantity,
      supplier,
      countryOfOrigin,
    })),
  };
}

/** As for deliveries: domestic content is a share of one total, so each BOM given is in one currency (422 naming each line). */
function assertOneCurrencyPerBom(units: readonly RmaUnitReturnDto[]): void {
  const details: ErrorDetail[] = units.flatMap((unit, index) => {
    if (!unit.bom) return [];
    const currency = unit.bom[0].currency;
    return unit.bom.flatMap((line, lineIndex) =>
      line.currency === currency
        ? []
        : [
            {
              field: `units[${index}].bom[${lineIndex}].currency`,
              message: `${line.currency} differs from the unit's BOM currency ${currency}`,
            },
          ],
    );
  });
  if (details.length) {
    throw new IntakeError(
      IntakeErrorCode.MIXED_BOM_CURRENCIES,
      'every line of a rack BOM must be in one currency to compute its domestic content',
      details,
    );
  }
}
