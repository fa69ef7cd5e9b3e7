import { ConsumerGroupCollector } from './consumer-group.collector';
import { ConsumerLagCollector } from './consumer-lag.collector';
import { OutboxBacklogCollector } from './outbox-backlog.collector';

/** Gauges read when Prometheus scrapes: outbox backlog, consumer lag per partition, group membership. */
export const METRICS_COLLECTORS = [OutboxBacklogCollector, ConsumerLagCollector, ConsumerGroupCollector];
