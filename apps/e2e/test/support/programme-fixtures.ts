/** The programme the whole-flow test sets up: one test plan and criteria for both generations, and BOMs. */
import type { Criterion, NewBomLine, Suite } from '@rackeval/api-client';

export const PLAN: { suites: Suite[] } = {
  suites: [
    { key: 'burn-in', name: 'Burn-in', required: true, maxAttempts: 2, metrics: ['training_throughput', 'rack_power'] },
    { key: 'fabric-bandwidth', name: 'Fabric bandwidth', required: false, maxAttempts: 1, metrics: ['fabric_bandwidth'] },
  ],
};
export const CRITERIA: { criteria: Criterion[] } = {
  criteria: [
    { metric: 'training_throughput', unit: 'tokens/s', comparator: 'gte', min: 3000, required: true, category: 'performance' },
    { metric: 'rack_power', unit: 'kW', comparator: 'lte', max: 130, required: true, category: 'power' },
    { metric: 'fabric_bandwidth', unit: 'Gbit/s', comparator: 'gte', min: 3200, required: false, category: 'network' },
  ],
};

export function bom(usShare: 'high' | 'low'): NewBomLine[] {
  return [
    {
      partNumber: 'GPU-TRAY-8',
      category: 'compute',
      quantity: 9,
      unitCost: '180000.00',
      currency: 'USD',
      supplier: 'Foxconn',
      countryOfOrigin: usShare === 'high' ? 'US' : 'TW',
    },
    {
      partNumber: 'NVSWITCH-TRAY',
      category: 'networking',
      quantity: 9,
      unitCost: '24000.00',
      currency: 'USD',
      supplier: 'Quanta',
      countryOfOrigin: 'MX',
    },
    {
      partNumber: 'CDU-250',
      category: 'cooling',
      quantity: 1,
      unitCost: '38000.50',
      currency: 'USD',
      supplier: 'Vertiv',
      countryOfOrigin: 'US',
    },
    {
      partNumber: 'PSU-33KW',
      category: 'power',
      quantity: 6,
      unitCost: '4200.00',
      currency: 'USD',
      supplier: 'Delta',
      countryOfOrigin: 'TH',
    },
  ];
}
