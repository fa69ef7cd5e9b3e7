import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useSession } from '../auth/auth-context';
import { canEditCatalogue, canEditTerms, canSeeManufacturerFeed, hasRole } from '../auth/roles';
import { GenerationSelect } from '../shared/generation-select';
import { BaysSection } from './bays-section';
import { CostTargetsSection } from './cost-targets-section';
import { CriteriaSection } from './criteria-section';
import { GenerationsSection } from './generations-section';
import { ServiceAccountsSection } from './service-accounts-section';
import { TermsSection } from './terms-section';
import { TestPlanSection } from './test-plan-section';

/** Programme admin: the catalogue, and per generation its test plan, criteria and option terms. */
export function AdminPage() {
  const session = useSession();
  const [generation, setGeneration] = useState('');
  const catalogue = canEditCatalogue(session);
  return (
    <section aria-labelledby="admin-title" className="stack">
      <h1 id="admin-title">Programme admin</h1>
      {canSeeManufacturerFeed(session) && (
        <p>
          <Link to="/admin/manufacturer-feed">Manufacturer feed: what was sent, what gave up</Link>
        </p>
      )}
      <GenerationsSection canEdit={catalogue} />
      {catalogue && <BaysSection />}
      {hasRole(session, 'admin') && <ServiceAccountsSection />}
      <section className="card stack" aria-labelledby="per-generation-title">
        <h2 id="per-generation-title">Per generation</h2>
        <GenerationSelect id="admin-generation" label="Generation" value={generation} onChange={setGeneration} />
        {generation && catalogue && <TestPlanSection generation={generation} />}
        {generation && catalogue && <CriteriaSection generation={generation} />}
        {generation && canEditTerms(session) && <TermsSection generation={generation} />}
        {generation && canEditTerms(session) && <CostTargetsSection generation={generation} />}
      </section>
    </section>
  );
}
