import type { PurchaseOption, Role } from '@rackeval/api-client';
import type { Session } from './session-store';

/** A page of the console and who sees it in the navigation. */
export interface NavItem {
  to: string;
  label: string;
  roles: readonly Role[];
}

const EVERYONE: readonly Role[] = ['intake', 'test-engineer', 'finance', 'admin', 'viewer'];

export const NAV_ITEMS: readonly NavItem[] = [
  { to: '/programme', label: 'Programme', roles: EVERYONE },
  { to: '/racks', label: 'Rack board', roles: EVERYONE },
  { to: '/rmas', label: 'RMAs', roles: EVERYONE },
  { to: '/findings', label: 'Findings', roles: ['test-engineer', 'admin', 'viewer', 'finance'] },
  { to: '/compare/generations', label: 'Generations compared', roles: ['test-engineer', 'admin', 'viewer', 'finance'] },
  { to: '/compare/runs', label: 'Run vs run', roles: ['test-engineer', 'admin', 'viewer'] },
  { to: '/options', label: 'Option queue', roles: ['finance', 'admin', 'viewer'] },
  { to: '/intake/delivery', label: 'New delivery', roles: ['intake'] },
  { to: '/intake/manifest', label: 'Upload manifest', roles: ['intake'] },
  { to: '/admin', label: 'Programme admin', roles: ['admin', 'finance'] },
  { to: '/admin/manufacturer-feed', label: 'Manufacturer feed', roles: ['admin'] },
];

export const hasRole = (session: Session | null, ...roles: Role[]) => !!session && session.roles.some((role) => roles.includes(role));

export function navigationFor(session: Session | null): NavItem[] {
  return NAV_ITEMS.filter((item) => hasRole(session, ...item.roles));
}

/** Where a person lands after signing in: the page their work starts from. */
export function homeFor(session: Session | null): string {
  if (hasRole(session, 'finance')) return '/options';
  if (hasRole(session, 'intake')) return '/intake/delivery';
  return '/racks';
}

export const canScheduleRuns = (session: Session | null) => hasRole(session, 'test-engineer');
export const canRecordResults = (session: Session | null) => hasRole(session, 'test-engineer');
export const canInspect = (session: Session | null) => hasRole(session, 'intake');
/** Hold, release and withdraw a rack: intake's ways out, also open to programme admins. */
export const canHoldRacks = (session: Session | null) => hasRole(session, 'intake', 'admin');
/** Open, ship and cancel RMAs (POST /v1/rmas…: intake and admin). */
export const canManageRmas = (session: Session | null) => hasRole(session, 'intake', 'admin');
/** Attach files to a delivery, an inspection or an RMA (intake's attachment routes: intake and admin; every role reads them). */
export const canAttachIntakeFiles = (session: Session | null) => hasRole(session, 'intake', 'admin');
export const canExportOptions = (session: Session | null) => hasRole(session, 'finance', 'admin');
/** Reminders (expiring options, approvals waiting) and the webhook's delivery log: GET /v1/reminders is finance and admin. */
export const canSeeReminders = (session: Session | null) => hasRole(session, 'finance', 'admin');

/** Admin sections: admins maintain the catalogue; finance may set option terms (DESIGN: terms by admin, finance). */
/** The manufacturer feed's delivery log and its re-send (results: admins only). */
export const canSeeManufacturerFeed = (session: Session | null) => hasRole(session, 'admin');
export const canEditCatalogue = (session: Session | null) => hasRole(session, 'admin');
export const canEditTerms = (session: Session | null) => hasRole(session, 'admin', 'finance');

/** Terms and cost targets are four-eyes: another finance or admin user than the proposer approves or rejects a PROPOSED version (the server compares identities). */
export const canReviewVersion = (session: Session | null, status: string, proposedBy: string) =>
  canEditTerms(session) && status === 'PROPOSED' && proposedBy !== session!.username;

const DECIDABLE: ReadonlySet<string> = new Set(['EXERCISABLE', 'NOT_EXERCISABLE']);

/** Finance decides an option that is open for a decision and has terms to decide on. */
export function canDecide(session: Session | null, option: PurchaseOption): boolean {
  return hasRole(session, 'finance') && DECIDABLE.has(option.state) && option.terms !== null;
}

/** Finance may end an option before its verdict (DECLINE only), once it has terms. */
export const canDeclinePending = (session: Session | null, option: PurchaseOption) =>
  hasRole(session, 'finance') && option.state === 'PENDING_EVALUATION' && option.terms !== null;

/** Four-eyes: a finance user other than the one who requested the exercise approves or rejects it. */
export function canReview(session: Session | null, option: PurchaseOption): boolean {
  if (!hasRole(session, 'finance') || option.state !== 'PENDING_APPROVAL') return false;
  return option.pendingRequest?.requestedBy !== session!.username;
}

/** A rack rejected at intake can only be declined: the server refuses an exercise, with or without a waiver. */
export const canExercise = (option: PurchaseOption) => option.evidence.intakeRejection === null;

/** A rack that passed but misses its cost targets (or cannot be shown to meet them): the server asks for a waiver. */
export const missesCost = (option: PurchaseOption) =>
  option.evidence.value.status !== 'NO_TARGETS' && option.evidence.value.costVerdict !== 'MEETS';

/** Exercising a rack that failed its evaluation, or one that misses its cost targets, needs a written waiver. */
export const waiverRequired = (option: PurchaseOption, decision: 'EXERCISE' | 'DECLINE') =>
  decision === 'EXERCISE' &&
  canExercise(option) &&
  (option.state === 'NOT_EXERCISABLE' || (option.state === 'EXERCISABLE' && missesCost(option)));
