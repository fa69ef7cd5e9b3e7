import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { ConsumerMonitor, ProbeResult } from './consumer-monitor';

/** The consumer's readiness and liveness as terminus indicators (503 names every reason). */
@Injectable()
export class ConsumerHealthIndicator {
  constructor(
    private readonly monitor: ConsumerMonitor,
    private readonly health: HealthIndicatorService,
  ) {}

  ready(key = 'consumer') {
    return this.report(key, this.monitor.readiness());
  }

  alive(key = 'consumer') {
    return this.report(key, this.monitor.liveness());
  }

  private report(key: string, probe: ProbeResult) {
    const indicator = this.health.check(key);
    const details = { state: this.monitor.state, reasons: probe.reasons };
    return probe.ok ? indicator.up(details) : indicator.down(details);
  }
}
