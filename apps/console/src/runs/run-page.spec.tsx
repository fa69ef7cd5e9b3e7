import { screen } from '@testing-library/react';
import type { Run } from '../api';
import { stubFetch } from '../test-support/fetch-stub';
import { renderSignedIn, sessionOf } from '../test-support/render';
import { runFixture, secondIncarnationRunFixture } from '../test-support/run-fixture';
import { RunPage } from './run-page';

function openRun(run: Run) {
  stubFetch({ [`GET /api/test-run/v1/runs/${run.id}`]: { body: run } });
  renderSignedIn(<RunPage />, { session: sessionOf('vic', ['viewer']), path: `/runs/${run.id}`, pattern: '/runs/:runId' });
}

describe("run page's attempt and incarnation", () => {
  beforeEach(() => sessionStorage.clear());

  it('says which incarnation a run of a unit back from its RMA tests, beside the attempt', async () => {
    openRun(secondIncarnationRunFixture());
    const title = await screen.findByRole('heading', { level: 1 });
    expect(title.textContent).toContain('Burn-in, attempt 1 of 1');
    expect(title.textContent).toContain('incarnation 2');
  });

  it('says nothing of incarnations for a run of the unit as first delivered', async () => {
    openRun(runFixture());
    const title = await screen.findByRole('heading', { level: 1 });
    expect(title.textContent).toContain('Burn-in, attempt 1 of 1');
    expect(title.textContent).not.toContain('incarnation');
  });
});
