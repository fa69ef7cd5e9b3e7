import { useState } from 'react';
import { testRunApi } from '../api';
import { ErrorMessage } from '../errors/error-message';
import { useAsync } from '../shared/use-async';
import { useSubmit } from '../shared/use-submit';
import { TextField } from '../shared/text-field';

export function BaysSection() {
  const bays = useAsync(() => testRunApi.bays().then((page) => page.items), []);
  const [code, setCode] = useState('');
  const [site, setSite] = useState('');

  const { error, submit } = useSubmit(async () => {
    await testRunApi.createBay(code.trim(), site.trim());
    setCode('');
    bays.reload();
  });

  return (
    <section className="card" aria-labelledby="bays-title">
      <h2 id="bays-title">Test bays</h2>
      <p>
        {(bays.data ?? []).map((bay) => (
          <span key={bay.code} className={`tag ${bay.free ? 'ok' : 'warn'}`}>
            {bay.code} ({bay.site}) {bay.free ? 'free' : `holds ${bay.occupiedBy?.rackSerial}`}
          </span>
        ))}
      </p>
      <form onSubmit={submit} className="inline-form" aria-label="Add a bay">
        <TextField id="bay-code" label="Bay code" value={code} onChange={setCode} placeholder="BAY-07" />
        <TextField id="bay-site" label="Site" value={site} onChange={setSite} />
        <button type="submit">Add bay</button>
        <ErrorMessage error={error} title="The bay was not added" />
      </form>
    </section>
  );
}
