import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { RackReceived } from '@rackeval/contracts';
import { Transaction, UnitOfWork } from '@rackeval/messaging';
import { Decimal, ErrorDetail, readInSnapshot } from '@rackeval/platform';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AttachmentRepository } from '../attachments/attachment.repository';
import { toAttachmentView } from '../attachments/attachment-views';
import { deliveryNotFound, IntakeError, IntakeErrorCode } from '../intake.errors';
import { domesticContent, rackFigures } from './domestic-content.rules';
import { appendRackHistory, NewHistory } from '../racks/lifecycle/rack-transitions';
import { DeliveryRepository, isSerialClash, NewBomLine, NewRack, StoredDelivery } from './delivery.repository';
import { DeliveryDto, UNIT_COST_SCALE } from './dto/delivery.dto';
import { DeliveryRackView, DeliveryView } from './dto/delivery.view';

/** Names a place in the request: `racks[0].bom[2].unitCost` for JSON, `line 14, column unitCost` for a CSV manifest. */
export type Locator = (rack: number, line: number | undefined, field: string) => string;

export const jsonLocator: Locator = (rack, line, field) =>
  line === undefined ? `racks[${rack}].${field}` : `racks[${rack}].bom[${line}].${field}`;

export interface RegisteredDelivery {
  /** False when the same delivery had been registered before: nothing was written this time. */
  created: boolean;
  delivery: DeliveryView;
}

@Injectable()
export class DeliveriesService {
  /** Domestic content targets of the generations read so far, by code. */
  private readonly targets = new Map<string, string>();

  constructor(
    private readonly unitOfWork: UnitOfWork,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /** A delivery as registered, with its racks and the files attached to it (one snapshot); 404 naming it when intake does not know it. */
  detail(reference: string): Promise<DeliveryView> {
    return readInSnapshot(this.dataSource, (manager) => this.viewIn(manager, reference));
  }

  /**
   * Registers a delivery and its racks, all or nothing. Idempotent on `reference`: the same body
   * again answers with the stored delivery; another body under the same reference is a 409.
   */
  register(dto: DeliveryDto, actor: string, locate: Locator = jsonLocator): Promise<RegisteredDelivery> {
    checkSerialsUnique(dto, locate);
    checkOneCurrencyPerRack(dto, locate);
    const hash = createHash('sha256')
      .update(JSON.stringify(canonical(dto)))
      .digest('hex');
    const receivedAt = new Date(dto.receivedAt).toISOString();
    return this.unitOfWork.run(async (tx) => {
      const delivery = { reference: dto.reference, site: dto.site, receivedAt };
      const claimed = await DeliveryRepository.claim(tx.manager, { ...delivery, hash, actor });
      if (!claimed) {
        const stored = await DeliveryRepository.delivery(tx.manager, dto.reference);
        if (stored?.request_hash !== hash) {
          throw new IntakeError(
            IntakeErrorCode.DELIVERY_REFERENCE_REUSED,
            `delivery ${dto.reference} was already registered with different content`,
            [{ field: 'reference', message: `${dto.reference} is already used by a different delivery` }],
          );
        }
        return { created: false, delivery: await this.viewOf(tx.manager, stored) };
      }
      const targets = await this.checkGenerations(tx, dto, locate);
      await this.checkSerialsNew(tx, dto, locate);
      await this.writeRacks(tx, dto, targets, actor, receivedAt);
      return { created: true, delivery: await this.viewOf(tx.manager, claimed) };
    });
  }

  private async checkGenerations(tx: Transaction, dto: DeliveryDto, locate: Locator): Promise<Map<string, string>> {
    const targets = await this.generationTargets(tx, [...new Set(dto.racks.map((rack) => rack.generation))]);
    const details: ErrorDetail[] = dto.racks.flatMap((rack, index) =>
      targets.has(rack.generation)
        ? []
        : [{ field: locate(index, undefined, 'generation'), message: `unknown generation ${rack.generation}` }],
    );
    if (details.length) {
      const unknown = [...new Set(dto.racks.map((rack) => rack.generation).filter((code) => !targets.has(code)))];
      throw new IntakeError(
        IntakeErrorCode.UNKNOWN_GENERATION,
        `unknown generation(s): ${unknown.join(', ')}; register them first`,
        details,
      );
    }
    return targets;
  }

  /** The domestic content target of each of `codes` that is registered; a generation is registered once and never changed, so its target is kept once read. */
  private async generationTargets(tx: Transaction, codes: string[]): Promise<Map<string, string>> {
    const unread = codes.filter((code) => !this.targets.has(code));
    if (unread.length) {
      for (const [code, target] of await DeliveryRepository.generationTargets(tx.manager, unread)) this.targets.set(code, target);
    }
    return new Map(codes.flatMap((code): Array<[string, string]> => (this.targets.has(code) ? [[code, this.targets.get(code)!]] : [])));
  }

  private async checkSerialsNew(tx: Transaction, dto: DeliveryDto, locate: Locator): Promise<void> {
    const known = new Set(
      await DeliveryRepository.knownSerials(
        tx.manager,
        dto.racks.map((rack) => rack.serial),
      ),
    );
    if (!known.size) return;
    throw alreadyOnSite(
      [...known],
      dto.racks.flatMap((rack, index) =>
        known.has(rack.serial) ? [{ field: locate(index, undefined, 'serial'), message: `${rack.serial} is already on site` }] : [],
      ),
    );
  }

  private async writeRacks(tx: Transaction, dto: DeliveryDto, targets: Map<string, string>, actor: string, receivedAt: string) {
    const racks: NewRack[] = [];
    const lines: NewBomLine[] = [];
    const history: NewHistory[] = [];
    for (const rack of dto.racks) {
      const content = domesticContent(rack.bom);
      const target = Decimal.parse(targets.get(rack.generation)!).toFixed(2);
      const fields = {
        serial: rack.serial,
        generation: rack.generation,
        lot: rack.lot,
        bomCost: content.bomCost.toFixed(UNIT_COST_SCALE),
        bomCurrency: rack.bom[0].currency,
        domesticContentPct: content.pct.toFixed(2),
      };
      racks.push(fields);
      rack.bom.forEach((line, index) => lines.push({ rackSerial: rack.serial, lineNo: index + 1, ...line }));
      const event = tx.publish(RackReceived, {
        rackSerial: rack.serial,
        generation: rack.generation,
        occurredAt: receivedAt,
        actor,
        deliveryReference: dto.reference,
        site: dto.site,
        lot: rack.lot,
        domesticContentPct: fields.domesticContentPct,
        domesticContentTargetPct: target,
        bomCost: content.bomCost.toFixed(2),
        bomCurrency: fields.bomCurrency,
        suppliers: [...new Set(rack.bom.map((line) => line.supplier))].sort(),
        bom: rack.bom.map(({ partNumber, category, quantity, supplier, countryOfOrigin }) => ({
          partNumber,
          category,
          quantity,
          supplier,
          countryOfOrigin,
        })),
      });
      history.push({
        rackSerial: rack.serial,
        fromState: null,
        toState: 'RECEIVED',
        actor,
        reason: `received with delivery ${dto.reference} at ${dto.site}`,
        occurredAt: new Date(receivedAt),
        causeEventId: null,
        eventId: event.id,
      });
    }
    try {
      await DeliveryRepository.insertRacks(tx.manager, { reference: dto.reference, site: dto.site, receivedAt }, racks);
    } catch (error) {
      if (isSerialClash(error)) {
        throw alreadyOnSite(
          racks.map((rack) => rack.serial),
          [],
          'another delivery registered one of these serials at the same moment',
        );
      }
      throw error;
    }
    await DeliveryRepository.insertBomLines(tx.manager, lines);
    await appendRackHistory(tx.manager, history);
  }

  /** The delivery as `manager` sees it (inside a unit of work, with what it just wrote); one query after the other, as they may share a transaction. */
  private async viewIn(manager: EntityManager, reference: string): Promise<DeliveryView> {
    const delivery = await DeliveryRepository.delivery(manager, reference);
    if (!delivery) throw deliveryNotFound(reference);
    return this.viewOf(manager, delivery);
  }

  /** As `viewIn`, for the delivery already read (or just written). */
  private async viewOf(manager: EntityManager, delivery: StoredDelivery): Promise<DeliveryView> {
    const reference = delivery.reference;
    const racks = await DeliveryRepository.racksOf(manager, reference);
    const attachments = await AttachmentRepository.list(manager, 'DELIVERY', reference);
    return {
      reference: delivery.reference,
      site: delivery.site,
      receivedAt: delivery.received_at.toISOString(),
      registeredBy: delivery.registered_by,
      registeredAt: delivery.registered_at.toISOString(),
      racks: racks.map((row): DeliveryRackView => rackFigures(row, { bomLines: row.bom_lines })),
      attachments: attachments.map(toAttachmentView),
    };
  }
}

function alreadyOnSite(serials: string[], details: ErrorDetail[], why = 'a serial is unique to one rack'): IntakeError {
  const listed = serials.length > 5 ? `${serials.slice(0, 5).join(', ')} and ${serials.length - 5} more` : serials.join(', ');
  const named = details.length ? details : serials.map((serial) => ({ field: 'serial', message: `${serial} is already on site` }));
  return new IntakeError(IntakeErrorCode.RACK_ALREADY_ON_SITE, `rack ${listed} already on site (${why})`, named);
}

/** A serial twice in one delivery would be the same rack received twice. */
function checkSerialsUnique(dto: DeliveryDto, locate: Locator): void {
  const firstAt = new Map<string, number>();
  const repeated = new Set<string>();
  const details: ErrorDetail[] = [];
  dto.racks.forEach((rack, index) => {
    const first = firstAt.get(rack.serial);
    if (first === undefined) return void firstAt.set(rack.serial, index);
    repeated.add(rack.serial);
    details.push({
      field: locate(index, undefined, 'serial'),
      message: `${rack.serial} is repeated (first at ${locate(first, undefined, 'serial')})`,
    });
  });
  if (details.length) throw alreadyOnSite([...repeated], details, 'repeated within this delivery');
}

/** Domestic content is a share of one total: every line of a rack's BOM must be in the same currency. */
function checkOneCurrencyPerRack(dto: DeliveryDto, locate: Locator): void {
  const details: ErrorDetail[] = dto.racks.flatMap((rack, index) => {
    const currency = rack.bom[0].currency;
    return rack.bom.flatMap((line, lineIndex) =>
      line.currency === currency
        ? []
        : [{ field: locate(index, lineIndex, 'currency'), message: `${line.currency} differs from the rack's BOM currency ${currency}` }],
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

/** The request reduced to its meaning, so "10" and "10.0000" or two spellings of one instant hash alike. */
function canonical(dto: DeliveryDto) {
  return {
    reference: dto.reference,
    site: dto.site,
    receivedAt: new Date(dto.receivedAt).toISOString(),
    racks: dto.racks.map((rack) => ({
      serial: rack.serial,
      generation: rack.generation,
      lot: rack.lot,
      bom: rack.bom.map((line) => ({
        partNumber: line.partNumber,
        category: line.category,
        quantity: line.quantity,
        unitCost: Decimal.parse(line.unitCost).toFixed(UNIT_COST_SCALE),
        currency: line.currency,
        supplier: line.supplier,
        countryOfOrigin: line.countryOfOrigin,
      })),
    })),
  };
}
