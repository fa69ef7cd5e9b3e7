import { errorInWords } from './error-words';

/** An API error in words, announced to screen readers as it appears. */
export function ErrorMessage({ error, title }: { error: unknown; title?: string }) {
  if (!error) return null;
  const words = errorInWords(error);
  return (
    <div className="error" role="alert">
      <p className="error-summary">
        {title ? <strong>{title}: </strong> : null}
        {words.summary}
      </p>
      {words.details.length > 0 && (
        <ul className="error-details">
          {words.details.map((detail, i) => (
            <li key={i}>
              {detail.where ? <strong>{detail.where}: </strong> : null}
              {detail.what}
            </li>
          ))}
        </ul>
      )}
      {words.reference && <p className="error-reference">Reference for support: {words.reference}</p>}
    </div>
  );
}
