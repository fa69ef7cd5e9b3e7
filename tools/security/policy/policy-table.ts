/**
 * Who may call what: the one authorisation policy of rackeval, per service and operation
 * (`METHOD /path` as the service's OpenAPI document writes it). The suite checks it three ways:
 * every documented operation has an entry here, every entry matches the route's @Roles/@Public
 * decorators, and the running services refuse everyone else (docs: npm run security:policy).
 */
import { ROLES, Role } from '@rackeval/auth';

/**
 * `public`: no token needed; `ticket`: a single-use ticket bought with a token (the route itself is
 * public to the guard); `any-token`: any valid token, even one without a role; else the roles allowed.
 */
export type Rule = 'public' | 'ticket' | 'any-token' | readonly Role[];

export const SERVICE_NAMES = ['gateway', 'intake', 'test-run', 'results', 'purchase-option'] as const;
export type PolicyService = (typeof SERVICE_NAMES)[number];

const ANY_ROLE = ROLES;
// Probes and Prometheus scrape without credentials; SECURITY.md says what they reveal and who should reach them.
const OPERATIONS: Record<string, Rule> = {
  'GET /health': 'public',
  'GET /health/ready': 'public',
  'GET /health/live': 'public',
  'GET /metrics': 'public',
};
const FINANCE_READERS: readonly Role[] = ['finance', 'admin', 'viewer'];
const FINDING_EDITORS: readonly Role[] = ['test-engineer', 'admin'];

export const POLICY: Record<PolicyService, Record<string, Rule>> = {
  gateway: {
    'POST /api/auth/token': 'public',
    'GET /api/auth/jwks.json': 'public',
    // How the console signs in (mode, issuer, public client id): nothing secret.
    'GET /api/auth/config': 'public',
    // "Who am I" is the one route a token without a role may call.
    'GET /api/auth/me': 'any-token',
    // Service accounts are credentials that act as a test engineer: only an admin creates, sees, rotates or revokes them.
    'POST /api/auth/service-accounts': ['admin'],
    'GET /api/auth/service-accounts': ['admin'],
    'GET /api/auth/service-accounts/{id}': ['admin'],
    'POST /api/auth/service-accounts/{id}/rotate': ['admin'],
    'POST /api/auth/service-accounts/{id}/revoke': ['admin'],
    'DELETE /api/auth/service-accounts/{id}': ['admin'],
    'POST /api/events/ticket': ANY_ROLE,
    // Browsers' EventSource sends no headers: a ticket in the query opens it, never a token.
    'GET /api/events': 'ticket',
    // One run's progress for its run page, relayed from results (which checks the ticket's token again).
    'GET /api/events/runs/{runId}': 'ticket',
    'GET /health': 'public',
    'GET /health/ready': 'public',
    'GET /health/live': 'public',
    'GET /metrics': 'public',
  },
  intake: {
    'POST /v1/generations': ['admin'],
    'GET /v1/generations': ANY_ROLE,
    'POST /v1/deliveries': ['intake'],
    'POST /v1/deliveries/import': ['intake'],
    'GET /v1/racks': ANY_ROLE,
    'GET /v1/racks/{serial}': ANY_ROLE,
    'POST /v1/racks/{serial}/inspections': ['intake'],
    'POST /v1/racks/{serial}/return': ['intake'],
    // Ways out: a hold, its release and a withdrawal are intake's, or a programme admin's.
    'POST /v1/racks/{serial}/hold': ['intake', 'admin'],
    'POST /v1/racks/{serial}/release-hold': ['intake', 'admin'],
    // Correcting a rack's record (BOM, lot, site) changes its domestic content: receiving staff or an admin.
    'POST /v1/racks/{serial}/corrections': ['intake', 'admin'],
    'GET /v1/racks/{serial}/corrections': ANY_ROLE,
    'POST /v1/racks/{serial}/withdraw': ['intake', 'admin'],
    // RMAs send failed racks back to the manufacturer: receiving staff or an admin write them, as the
    // ways out; every role reads them (finance sees open RMAs).
    'POST /v1/rmas': ['intake', 'admin'],
    'GET /v1/rmas': ANY_ROLE,
    'GET /v1/rmas/{id}': ANY_ROLE,
    'POST /v1/rmas/{id}/ship': ['intake', 'admin'],
    'POST /v1/rmas/{id}/receive': ['intake', 'admin'],
    'POST /v1/rmas/{id}/cancel': ['intake', 'admin'],
    // Files on deliveries, inspections and RMAs (photos of damage, the carrier's papers, packing
    // lists): receiving staff or an admin attach them, as they write what they belong to; every role reads them.
    'GET /v1/deliveries/{reference}': ANY_ROLE,
    'POST /v1/deliveries/{reference}/attachments': ['intake', 'admin'],
    'GET /v1/deliveries/{reference}/attachments': ANY_ROLE,
    'GET /v1/deliveries/{reference}/attachments/{attachmentId}': ANY_ROLE,
    'POST /v1/racks/{serial}/inspections/{inspectionId}/attachments': ['intake', 'admin'],
    'GET /v1/racks/{serial}/inspections/{inspectionId}/attachments': ANY_ROLE,
    'GET /v1/racks/{serial}/inspections/{inspectionId}/attachments/{attachmentId}': ANY_ROLE,
    'POST /v1/rmas/{id}/attachments': ['intake', 'admin'],
    'GET /v1/rmas/{id}/attachments': ANY_ROLE,
    'GET /v1/rmas/{id}/attachments/{attachmentId}': ANY_ROLE,
    'GET /v1/programme': ANY_ROLE,
    'GET /v1/programme/suppliers': ANY_ROLE,
    'GET /v1/programme/lots': ANY_ROLE,
    ...OPERATIONS,
  },
  'test-run': {
    'PUT /v1/test-plans/{generation}': ['admin'],
    'GET /v1/test-plans/{generation}': ANY_ROLE,
    'POST /v1/bays': ['admin'],
    'GET /v1/bays': ANY_ROLE,
    'POST /v1/runs': ['test-engineer'],
    'GET /v1/runs': ANY_ROLE,
    'GET /v1/runs/{id}': ANY_ROLE,
    'POST /v1/runs/{id}/start': ['test-engineer'],
    'POST /v1/runs/{id}/complete': ['test-engineer'],
    'POST /v1/runs/{id}/abort': ['test-engineer'],
    'GET /v1/programme': ANY_ROLE,
    ...OPERATIONS,
  },
  results: {
    'PUT /v1/criteria/{generation}': ['admin'],
    'GET /v1/criteria/{generation}': ANY_ROLE,
    'GET /v1/runs/{runId}': ANY_ROLE,
    'POST /v1/runs/{runId}/measurements': ['test-engineer'],
    'GET /v1/runs/{runId}/measurements': ANY_ROLE,
    'POST /v1/runs/{runId}/measurements/corrections': ['test-engineer'],
    'POST /v1/runs/{runId}/ocptv': ['test-engineer'],
    'POST /v1/runs/{runId}/ocptv/uploads': ['test-engineer'],
    'GET /v1/runs/{runId}/ocptv/uploads': ANY_ROLE,
    'GET /v1/runs/{runId}/ocptv/uploads/{uploadId}': ANY_ROLE,
    'POST /v1/runs/{runId}/ocptv/uploads/{uploadId}/chunks': ['test-engineer'],
    'GET /v1/runs/{runId}/artifacts': ANY_ROLE,
    'GET /v1/runs/{runId}/dut': ANY_ROLE,
    'GET /v1/runs/{runId}/series': ANY_ROLE,
    'GET /v1/runs/{runId}/live': ANY_ROLE,
    'GET /v1/runs/{runId}/verdict': ANY_ROLE,
    'GET /v1/racks/{serial}/evaluation': ANY_ROLE,
    // Re-opening a verdict changes what finance may buy: a programme admin's decision.
    'POST /v1/racks/{serial}/evaluation/reopen': ['admin'],
    'GET /v1/comparisons/generations': ANY_ROLE,
    'GET /v1/comparisons/runs': ANY_ROLE,
    'GET /v1/programme': ANY_ROLE,
    'GET /v1/programme/components': ANY_ROLE,
    // Findings and their evidence: everyone reads them; test engineers and admins open, triage, move them on and attach files.
    'POST /v1/findings': FINDING_EDITORS,
    'GET /v1/findings': ANY_ROLE,
    'GET /v1/findings/groups': ANY_ROLE,
    'GET /v1/findings/classes': ANY_ROLE,
    // The manufacturer's report prints what GET /v1/findings lists, so it has the same readers.
    'GET /v1/findings/report': ANY_ROLE,
    'GET /v1/findings/{id}': ANY_ROLE,
    'POST /v1/findings/{id}/triage': FINDING_EDITORS,
    'POST /v1/findings/{id}/report': FINDING_EDITORS,
    'POST /v1/findings/{id}/propose-fix': FINDING_EDITORS,
    'POST /v1/findings/{id}/reject-fix': FINDING_EDITORS,
    'POST /v1/findings/{id}/verify': FINDING_EDITORS,
    'POST /v1/findings/{id}/wont-fix': FINDING_EDITORS,
    'POST /v1/findings/{id}/notes': FINDING_EDITORS,
    'POST /v1/findings/{id}/attachments': FINDING_EDITORS,
    'GET /v1/findings/{id}/attachments': ANY_ROLE,
    'GET /v1/findings/{id}/attachments/{attachmentId}': ANY_ROLE,
    'POST /v1/runs/{runId}/attachments': FINDING_EDITORS,
    'GET /v1/runs/{runId}/attachments': ANY_ROLE,
    'GET /v1/runs/{runId}/attachments/{attachmentId}': ANY_ROLE,
    // The manufacturer feed's log names the receiver's URL and its answers; sending a delivery again is an operator's call.
    'GET /v1/manufacturer-feed/deliveries': ['admin'],
    'POST /v1/manufacturer-feed/deliveries/{id}/retry': ['admin'],
    ...OPERATIONS,
  },
  'purchase-option': {
    // Terms are four-eyes: one finance or admin user proposes, a different one approves.
    'PUT /v1/terms/{generation}': ['admin', 'finance'],
    'POST /v1/terms/{generation}/versions/{version}/approval': ['admin', 'finance'],
    'GET /v1/terms/{generation}': FINANCE_READERS,
    // Cost targets follow terms: four-eyes, and readable by whoever reads the evidence judged against them.
    'PUT /v1/cost-targets/{generation}': ['admin', 'finance'],
    'POST /v1/cost-targets/{generation}/versions/{version}/approval': ['admin', 'finance'],
    'GET /v1/cost-targets/{generation}': FINANCE_READERS,
    'GET /v1/options': FINANCE_READERS,
    'GET /v1/options/{rackSerial}': FINANCE_READERS,
    // Exports leave the system for spreadsheets: not for viewers.
    'GET /v1/options/export.csv': ['finance', 'admin'],
    'GET /v1/options/export.xlsx': ['finance', 'admin'],
    // The memo prints what GET /v1/options/{rackSerial} shows, so it has the same readers.
    'GET /v1/options/{rackSerial}/memo.pdf': FINANCE_READERS,
    'POST /v1/options/{rackSerial}/decision': ['finance'],
    'POST /v1/options/{rackSerial}/approval': ['finance'],
    'GET /v1/audit': FINANCE_READERS,
    'GET /v1/audit/export.csv': ['finance', 'admin'],
    // Reminders are finance's to-do list; the delivery log names the webhook URL.
    'GET /v1/reminders': ['finance', 'admin'],
    'GET /v1/reminders/deliveries': ['finance', 'admin'],
    // Programme figures are aggregates (counts, sums, percentiles) for every role's home page.
    'GET /v1/programme': ANY_ROLE,
    ...OPERATIONS,
  },
};

/**
 * The gateway's proxy (`/api/<service>/…`) lets through only a token with a role, whatever the
 * service behind allows; each service then applies its own rule. So through the gateway a public
 * or any-token route of a service needs a role too.
 */
export const GATEWAY_PROXY_RULE: Rule = ANY_ROLE;

export function throughGateway(rule: Rule): Rule {
  return typeof rule === 'string' ? GATEWAY_PROXY_RULE : rule;
}

/** The roles that may call, or every role for `public`/`any-token`. */
export function allowedRoles(rule: Rule): readonly Role[] {
  return typeof rule === 'string' ? ANY_ROLE : rule;
}

export function describeRule(rule: Rule): string {
  if (rule === 'public') return 'anyone (no token)';
  if (rule === 'ticket') return 'a single-use ticket from POST /api/events/ticket';
  if (rule === 'any-token') return 'any valid token, even without a role';
  return rule.length === ANY_ROLE.length ? 'any role' : rule.join(', ');
}
