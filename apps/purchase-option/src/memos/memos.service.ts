import { Injectable } from '@nestjs/common';
import { OptionsQueryService } from '../options/options-query.service';
import { decisionMemo } from './decision-memo';
import { memoPdf } from './memo-pdf';

/** The decision memo of one option as a PDF for a board pack. */
@Injectable()
export class MemosService {
  constructor(private readonly options: OptionsQueryService) {}

  async pdf(rackSerial: string, now = new Date()): Promise<Buffer> {
    const option = await this.options.detail(rackSerial, undefined, now);
    return memoPdf(`Decision memo: purchase option for rack ${rackSerial}`, decisionMemo(option, now), now);
  }
}
