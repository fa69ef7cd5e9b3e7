import type { NewTerms, Terms } from '@rackeval/api-client';
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
    answer(farid.purchaseOption.POST('/v1/terms/{generation}/versions/{version}/approval', { params: { path: { generation, version } }, body }));
  let proposed = await propose();
  if (proposed.status === 409 && errorCode(proposed) === 'TERMS_CONFLICT') {
    const pending = expectStatus(await answer(farid.purchaseOption.GET('/v1/terms/{generation}', { params: { path } })), 200, `pending terms ${generation}`);
    const note = 'left pending by an interrupted demo run';
    expectStatus(await review(pending.version, { approve: false, note }), 200, `reject pending terms ${generation}`);
    proposed = await propose();
  }
  const version = expectStatus(proposed, [200, 201], `propose terms ${generation}`);
  if (version.status === 'ACTIVE') return version;
  const approval = { approve: true, note: 'checked against the supply agreement' };
  return expectStatus(await review(version.version, approval), 200, `approve terms ${generation} v${version.version}`);
}
