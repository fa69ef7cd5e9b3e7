import { Injectable, UnsupportedMediaTypeException } from '@nestjs/common';
import { DeliveriesService, RegisteredDelivery } from '../deliveries.service';
import { parseManifest } from './manifest.parser';

/** A CSV manifest is the same delivery as the JSON body, with refusals named by line and column. */
@Injectable()
export class ManifestImportService {
  constructor(private readonly deliveries: DeliveriesService) {}

  import(body: unknown, actor: string): Promise<RegisteredDelivery> {
    if (typeof body !== 'string') throw new UnsupportedMediaTypeException('send the manifest as Content-Type: text/csv');
    const { delivery, locate } = parseManifest(body);
    return this.deliveries.register(delivery, actor, locate);
  }
}
