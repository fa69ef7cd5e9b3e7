import { useState } from 'react';
import { purchaseOptionApi } from '../api';
import { useAuth } from '../auth/auth-context';
import { canReviewVersion } from '../auth/roles';
import { ErrorMessage } from '../errors/error-message';

/** A reviewed version's outcome in words, after who proposed it; or that it still awaits approval. */
export function reviewInWords(review: { approved: boolean; reviewedBy: string; note: string } | null | undefined): string {
  return review ? ` — ${review.approved ? 'approved' : 'rejected'} by ${review.reviewedBy}: “${review.note}”` : ' — awaiting approval';
}

/** What a four-eyes review is of: the form's element ids (`<id>-review-title`, `<id>-review-note`), its note label and the call that records it. */
const SUBJECTS = {
  terms: { id: 'terms', noteLabel: 'Your note', call: 'reviewTerms' },
  'cost targets': { id: 'cost', noteLabel: 'Your note on the cost targets', call: 'reviewCostTargets' },
} as const;

interface Props {
  /** What is reviewed, as the buttons name it. */
  what: keyof typeof SUBJECTS;
  reviewed: { generation: string; version: number; status: string };
  proposedBy: string;
  onReviewed(): void;
}

/** Approve or reject a PROPOSED version with a note: the second pair of eyes on terms and cost targets, offered only to those who may give it. */
export function FourEyesReview({ proposedBy, ...props }: Props) {
  const { session } = useAuth();
  return canReviewVersion(session, props.reviewed.status, proposedBy) ? <ReviewForm {...props} /> : null;
}

function ReviewForm({ what, reviewed, onReviewed }: Omit<Props, 'proposedBy'>) {
  const { id, noteLabel, call } = SUBJECTS[what];
  const { version } = reviewed;
  const review = (approve: boolean, note: string) => purchaseOptionApi[call](reviewed.generation, version, { approve, note });
  const [note, setNote] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  async function decide(approve: boolean) {
    setBusy(true);
    setError(undefined);
    try {
      await review(approve, note.trim());
      setNote('');
      onReviewed();
    } catch (reason) {
      setError(reason);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={(e) => e.preventDefault()} aria-labelledby={`${id}-review-title`} className="stack">
      <h3 id={`${id}-review-title`}>
        Approve {what} version {version}
      </h3>
      <label htmlFor={`${id}-review-note`}>{noteLabel}</label>
      <textarea id={`${id}-review-note`} value={note} onChange={(e) => setNote(e.target.value)} required rows={2} />
      <ErrorMessage error={error} title="The review was not recorded" />
      <div className="button-row">
        <button type="button" className="primary" disabled={busy || !note.trim()} onClick={() => decide(true)}>
          Approve {what}
        </button>
        <button type="button" className="danger" disabled={busy || !note.trim()} onClick={() => decide(false)}>
          Reject {what}
        </button>
      </div>
    </form>
  );
}
