import { Injectable, Logger } from '@nestjs/common';
import { RackCorrectedV1 } from '@rackeval/contracts';
import { Transaction } from '@rackeval/messaging';
import { auditFact, saveUnlessChanged } from './option-transitions';
import { PurchaseOptionEntity } from './option.entity';
import { OptionRepository } from './option.repository';

/**
 * Intake corrected a rack's BOM, lot or site (intake: racks/corrections/): the option's evidence
 * takes the corrected lot, site, domestic content and BOM cost, and the audit trail says so. The
 * option's state does not change. RackReceived precedes it on the same partition, so the option
 * exists; a correction of a rack unknown here is logged and skipped (never a dead letter).
 */
@Injectable()
export class RackRecordCorrectionService {
  private readonly logger = new Logger(RackRecordCorrectionService.name);

  async corrected(fact: RackCorrectedV1, tx: Transaction): Promise<void> {
    await OptionRepository.lockRack(tx.manager, fact.rackSerial);
    const option = await OptionRepository.find(tx.manager, fact.rackSerial);
    if (!option) {
      this.logger.warn(`rack ${fact.rackSerial} was corrected at intake but has no option here; skipped`);
      return;
    }
    const at = new Date();
    const changes: Partial<PurchaseOptionEntity> = {
      lot: fact.lot,
      site: fact.site,
      domesticContentPct: fact.domesticContentPct,
      domesticContentTargetPct: fact.domesticContentTargetPct,
      bomCost: fact.bomCost,
      bomCurrency: fact.bomCurrency,
      version: option.version + 1,
      updatedAt: at,
    };
    await saveUnlessChanged(tx, option, changes, "intake's correction was applied");
    await auditFact(tx, option, null, {
      action: 'RACK_CORRECTED',
      actor: fact.actor,
      at,
      from: option.state,
      to: option.state,
      reason:
        `intake corrected ${fact.changed.join(', ')}: ${fact.reason}; domestic content ${option.domesticContentPct} → ${fact.domesticContentPct} %, ` +
        `BOM cost ${option.bomCost} → ${fact.bomCost} ${fact.bomCurrency}`,
    });
  }
}
