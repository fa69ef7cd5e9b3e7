import type { CostTargetsVersion, NewCostTargets, NewTerms, Terms } from '@rackeval/api-client';
import { answer, DemoApi, errorCode, expectStatus } from './client';

/**
 * Puts terms in force the four-eyes way: fiona (finance) proposes, farid (finance) approves. Terms
 * already active are left as they are; a proposal left pending by an interrupted run is rejected first.
 */
export async function activateTerms(api: DemoApi, generation: string, terms: NewTerms): Promise<Terms> {
  const [fiona, farid] = [api.as('fiona'), api.as('farid')];
  const path = { generation };
  const propose = () => answer(fiona.purchaseOption.PUT('/v1/terms/{generation}', { params: { path }, body: terms }));
  const review = (version: number, body: { approve: boolean; note: string }) =>
    answer(
      farid.purchaseOption.POST('/v1/terms/{generation}/versions/{version}/approval', { params: { path: { generation, version } }, body }),
    );
  let proposed = await propose();
  // purchase-option learns the generation from intake's event: until then terms are refused (422 UNKNOWN_GENERATION).
  for (let tries = 0; proposed.status === 422 && errorCode(proposed) === 'UNKNOWN_GENERATION' && tries < 150; tries++) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    proposed = await propose();
  }
  if (proposed.status === 409 && errorCode(proposed) === 'TERMS_CONFLICT') {
    const pending = expectStatus(
      await answer(farid.purchaseOption.GET('/v1/terms/{generation}', { params: { path } })),
      200,
      `pending terms ${generation}`,
    );
    const note = 'left pending by an interrupted demo run';
    expectStatus(await review(pending.version, { approve: false, note }), 200, `reject pending terms ${generation}`);
    proposed = await propose();
  }
  const version = expectStatus(proposed, [200, 201], `propose terms ${generation}`);
  if (version.status === 'ACTIVE') return version;
  const approval = { approve: true, note: 'checked against the supply agreement' };
  return expectStatus(await review(version.version, approval), 200, `approve terms ${generation} v${version.version}`);
}

/** Cost targets follow terms: fiona proposes, farid approves; targets already active stay, a pending proposal is rejected first. */
export async function activateCostTargets(api: DemoApi, generation: string, targets: NewCostTargets): Promise<CostTargetsVersion> {
  const [fiona, farid] = [api.as('fiona'), api.as('farid')];
  const path = { generation };
  const propose = () => answer(fiona.purchaseOption.PUT('/v1/cost-targets/{generation}', { params: { path }, body: targets }));
  const review = (version: number, body: { approve: boolean; note: string }) =>
    answer(
      farid.purchaseOption.POST('/v1/cost-targets/{generation}/versions/{version}/approval', {
        params: { path: { generation, version } },
        body,
      }),
    );
  let proposed = await propose();
  if (proposed.status === 409 && errorCode(proposed) === 'COST_TARGETS_CONFLICT') {
    const all = expectStatus(
      await answer(farid.purchaseOption.GET('/v1/cost-targets/{generation}', { params: { path } })),
      200,
      `pending cost targets ${generation}`,
    );
    expectStatus(
      await review(all.versions[0].version, { approve: false, note: 'left pending by an interrupted demo run' }),
      200,
      `reject pending cost targets ${generation}`,
    );
    proposed = await propose();
  }
  const version = expectStatus(proposed, [200, 201], `propose cost targets ${generation}`);
  if (version.status === 'ACTIVE') return version;
  return expectStatus(
    await review(version.version, { approve: true, note: 'matches the generation business case' }),
    200,
    `approve cost targets ${generation} v${version.version}`,
  );
}
