import { Injectable } from '@nestjs/common';
import { RackCorrected } from '@rackeval/contracts';
import { UnitOfWork } from '@rackeval/messaging';
import { Decimal } from '@rackeval/platform';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { GenerationsRepository } from '../../generations/generations.repository';
import { IntakeError, IntakeErrorCode, rackNotFound } from '../../intake.errors';
import { RacksRepository } from '../racks.repository';
import { CorrectRackDto } from './dto/correct-rack.dto';
import { planCorrection, RackCorrectionRecord, RackRecordValues } from './rack-correction.rules';
import { RackCorrectionsRepository } from './rack-corrections.repository';

/**
 * Intake or an admin corrects a rack's BOM lines, lot or site with a reason: the rack's record and
 * its domestic content change, the values before (and the BOM replaced) are kept, and
 * RackCorrected tells purchase-option (the option's evidence shows domestic content and BOM cost).
 */
@Injectable()
export class RackCorrectionsService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly dataSource: DataSource,
  ) {}

  correct(serial: string, dto: CorrectRackDto, actor: string): Promise<RackCorrectionRecord> {
    return this.unitOfWork.runOnce(async (tx) => {
      const rack = await RacksRepository.lock(tx.manager, serial);
      if (!rack) throw rackNotFound(serial);
      const bom = await RackCorrectionsRepository.bom(tx.manager, serial);
      const plan = planCorrection({ ...rack, bom }, dto);
      const at = new Date();
      const before: RackRecordValues = {
        lot: rack.lot,
        site: rack.site,
        domesticContentPct: Decimal.parse(rack.domesticContentPct).toFixed(2),
        bomCost: Decimal.parse(rack.bomCost).toFixed(2),
        bomCurrency: rack.bomCurrency.trim(),
        bomLines: bom.length,
      };
      if (plan.bom) await RackCorrectionsRepository.replaceBom(tx.manager, serial, plan.bom);
      if (!(await RackCorrectionsRepository.updateRack(tx.manager, serial, rack.version, plan.after, at))) {
        throw new IntakeError(
          IntakeErrorCode.CONCURRENT_UPDATE,
          `rack ${serial} was changed by someone else at the same moment; read it again and retry`,
        );
      }
      const record: RackCorrectionRecord = {
        id: randomUUID(),
        rackSerial: serial,
        changed: plan.changed,
        reason: dto.reason,
        correctedBy: actor,
        correctedAt: at.toISOString(),
        before,
        after: plan.after,
        previousBom: plan.bom ? bom : [],
      };
      await RackCorrectionsRepository.append(tx.manager, record);
      const generation = await GenerationsRepository.get(tx.manager, rack.generation);
      tx.publish(RackCorrected, {
        rackSerial: serial,
        generation: rack.generation,
        occurredAt: record.correctedAt,
        actor,
        changed: plan.changed,
        reason: dto.reason,
        lot: plan.after.lot,
        site: plan.after.site,
        domesticContentPct: plan.after.domesticContentPct,
        domesticContentTargetPct: Decimal.parse(generation.domesticContentTargetPct).toFixed(2),
        bomCost: plan.after.bomCost,
        bomCurrency: plan.after.bomCurrency,
        suppliers: [...new Set((plan.bom ?? bom).map((line) => line.supplier))].sort(),
        bom: (plan.bom ?? bom).map(({ partNumber, category, quantity, supplier, countryOfOrigin }) => ({
          partNumber,
          category,
          quantity,
          supplier,
          countryOfOrigin,
        })),
      });
      return record;
    });
  }

  async list(serial: string): Promise<{ items: RackCorrectionRecord[] }> {
    const manager = this.dataSource.manager;
    if (!(await RacksRepository.exists(manager, serial))) throw rackNotFound(serial);
    return { items: await RackCorrectionsRepository.ofRack(manager, serial) };
  }
}
