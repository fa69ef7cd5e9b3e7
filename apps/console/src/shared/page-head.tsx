import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';

/**
 * The head of a page reached from another: the way back above it, then the title (the h1 whose id
 * labels the page) with what sits beside it (filters, actions).
 */
export function PageHead({
  back,
  titleId,
  title,
  children,
}: {
  back: { to: string; label: string };
  titleId: string;
  title: ReactNode;
  children?: ReactNode;
}) {
  return (
    <>
      <p>
        <Link to={back.to}>{`← ${back.label}`}</Link>
      </p>
      <div className="page-head">
        <h1 id={titleId}>{title}</h1>
        {children}
      </div>
    </>
  );
}
