import { Inject, Injectable, PayloadTooLargeException } from '@nestjs/common';
import { SERVICE_CONFIG } from '@rackeval/platform';
import type { Readable } from 'node:stream';
import { IntakeConfig } from '../../config';
import { DeliveriesService, RegisteredDelivery } from '../deliveries.service';
import { ManifestTooLargeError, parseManifest } from './manifest.parser';

export const CSV = 'text/csv';

/** A CSV manifest is the same delivery as the JSON body, with refusals named by line and column. */
@Injectable()
export class ManifestImportService {
  constructor(
    private readonly deliveries: DeliveriesService,
    @Inject(SERVICE_CONFIG) private readonly config: IntakeConfig,
  ) {}

  /** Reads the request body as it arrives (no body parser buffers it), within MANIFEST_MAX_BYTES and MANIFEST_MAX_ROWS. */
  async import(body: Readable, contentLength: string | undefined, actor: string): Promise<RegisteredDelivery> {
    const limits = { maxBytes: this.config.MANIFEST_MAX_BYTES, maxRows: this.config.MANIFEST_MAX_ROWS };
    if (Number(contentLength) > limits.maxBytes) {
      body.resume();
      throw tooLarge(new ManifestTooLargeError('MANIFEST_MAX_BYTES', limits.maxBytes));
    }
    const { delivery, locate } = await parseManifest(body, limits).catch((error: unknown) => {
      throw error instanceof ManifestTooLargeError ? tooLarge(error) : error;
    });
    return this.deliveries.register(delivery, actor, locate);
  }
}

function tooLarge(error: ManifestTooLargeError): PayloadTooLargeException {
  const limit = error.setting === 'MANIFEST_MAX_BYTES' ? sizeOf(error.limit) : `${error.limit} rows`;
  return new PayloadTooLargeException(
    `the manifest is larger than ${limit} (${error.setting}); split the delivery or raise the setting; nothing was written`,
  );
}

const sizeOf = (bytes: number) =>
  bytes % 1024 ** 2 === 0 ? `${bytes / 1024 ** 2} MiB` : bytes % 1024 === 0 ? `${bytes / 1024} KiB` : `${bytes} bytes`;
