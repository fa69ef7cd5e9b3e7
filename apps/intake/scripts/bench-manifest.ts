/**
 * Times a CSV manifest import against a running intake service and prints the figure.
 *
 *   TOKEN=$(npm run -s token -- ines) ADMIN_TOKEN=$(npm run -s token -- ada) \
 *     node -r ./tools/register-ts.js apps/intake/scripts/bench-manifest.ts [lines] [linesPerRack]
 *
 * INTAKE_URL defaults to http://127.0.0.1:3001. With ADMIN_TOKEN the generation BENCH is
 * registered first (a 409 because it exists already is fine); without it, BENCH must exist.
 */
import { randomBytes } from 'node:crypto';

const HEADER =
  'deliveryReference,site,receivedAt,rackSerial,generation,lot,partNumber,category,quantity,unitCost,currency,supplier,countryOfOrigin';
const CATEGORIES = ['compute', 'networking', 'cabling', 'cooling', 'power', 'mechanical'];
const COUNTRIES = ['US', 'US', 'TW', 'MX', 'DE', 'CN'];

function manifest(lines: number, perRack: number): string {
  const run = randomBytes(3).toString('hex');
  const rows = [HEADER];
  const receivedAt = new Date().toISOString();
  for (let i = 0; i < lines; i += 1) {
    const rack = `RK-BENCH-${run}-${String(Math.floor(i / perRack)).padStart(5, '0')}`;
    const cost = `${(i % 997) + 1}.${String(i % 100).padStart(2, '0')}`;
    rows.push(
      [
        `BENCH-${run}`,
        'US-TX-1',
        receivedAt,
        rack,
        'BENCH',
        'LOT-BENCH',
        `P-${i % perRack}`,
        CATEGORIES[i % 6],
        String((i % 16) + 1),
        cost,
        'USD',
        'Bench Supplier',
        COUNTRIES[i % 6],
      ].join(','),
    );
  }
  return rows.join('\n');
}

async function main(): Promise<void> {
  const url = process.env.INTAKE_URL ?? 'http://127.0.0.1:3001';
  const token = process.env.TOKEN;
  if (!token) throw new Error('set TOKEN to a bearer token of an intake user (npm run -s token -- ines)');
  const lines = Number(process.argv[2] ?? 10_000);
  const perRack = Number(process.argv[3] ?? 40);
  if (process.env.ADMIN_TOKEN) {
    const generation = {
      code: 'BENCH',
      name: 'Benchmark generation',
      cooling: 'air',
      rackPowerBudgetKw: '40',
      gpusPerRack: 8,
      domesticContentTargetPct: '50',
    };
    const response = await fetch(`${url}/v1/generations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${process.env.ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify(generation),
    });
    if (![201, 409].includes(response.status)) throw new Error(`registering BENCH: ${response.status} ${await response.text()}`);
  }
  const csv = manifest(lines, perRack);
  const started = process.hrtime.bigint();
  const response = await fetch(`${url}/v1/deliveries/import`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
    body: csv,
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const body = await response.text();
  if (response.status !== 201) throw new Error(`import answered ${response.status}: ${body.slice(0, 500)}`);
  const racks = (JSON.parse(body) as { racks: unknown[] }).racks.length;
  process.stdout.write(
    `${lines} BOM lines (${racks} racks, ${(csv.length / 1024).toFixed(0)} KiB) imported in ${ms.toFixed(0)} ms (${Math.round((lines / ms) * 1000)} lines/s)\n`,
  );
}

main().catch((error: Error) => {
  process.stderr.write(`bench-manifest failed: ${error.message}\n`);
  process.exit(1);
});
