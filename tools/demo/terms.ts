import type { NewTerms, Terms } from '@rackeval/api-client';
import { DemoApi, errorCode, expectStatus } from './client';

/**
 * Puts terms in force the four-eyes way: fiona (finance) proposes, farid (finance) approves. Terms
 * already active are left as they are; a proposal left pending by an interrupted run is rejected first.
 */
export async function activateTerms(api: DemoApi, generation: string, terms: NewTerms): Promise<Terms> {
  const [fiona, farid] = [api.as('fiona'), api.as('farid')];
  const path = `/v1/terms/${generation}`;
  let proposed = await fiona.put<Terms>('purchase-option', path, terms);
  if (proposed.status === 409 && errorCode(proposed) === 'TERMS_CONFLICT') {
    const pending = expectStatus(await farid.get<Terms>('purchase-option', path), 200, `pending terms ${generation}`);
    const note = 'left pending by an interrupted demo run';
    expectStatus(await farid.post('purchase-option', `${path}/versions/${pending.version}/approval`, { approve: false, note }), 200, `reject pending terms ${generation}`);
    proposed = await fiona.put<Terms>('purchase-option', path, terms);
  }
  const version = expectStatus(proposed, [200, 201], `propose terms ${generation}`);
  if (version.status === 'ACTIVE') return version;
  const approval = { approve: true, note: 'checked against the supply agreement' };
  return expectStatus(await farid.post<Terms>('purchase-option', `${path}/versions/${version.version}/approval`, approval), 200, `approve terms ${generation} v${version.version}`);
}
