/**
 * The whole flow (whole-flow.int-spec.ts, the same test) on 3 brokers (replication factor 3,
 * min.insync.replicas 2) and 2 instances of every service, through the gateway balancing across
 * them: both instances share each service's consumer group and schema, so the relay, the lapse
 * sweep and the janitors must act once between them for the flow's exact counts to hold.
 */
import './support/on-cluster';
import './whole-flow.int-spec';
