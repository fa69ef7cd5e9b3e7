import { get, post, put } from './http';
import type { Bay, Page, Run, RunState, Suite, TestPlan, TestRunProgramme } from '@rackeval/api-client';

const BASE = '/api/test-run/v1';
const run = (id: string) => `${BASE}/runs/${encodeURIComponent(id)}`;

export const testRunApi = {
  bays: () => get<Page<Bay>>(`${BASE}/bays`, { limit: 500 }),
  createBay: (code: string, site: string) => post<Bay>(`${BASE}/bays`, { code, site }),
  plan: (generation: string) => get<TestPlan>(`${BASE}/test-plans/${encodeURIComponent(generation)}`),
  publishPlan: (generation: string, suites: Suite[]) => put<TestPlan>(`${BASE}/test-plans/${encodeURIComponent(generation)}`, { suites }),
  runs: (query: { rack?: string; state?: RunState; generation?: string; limit?: number }) => get<Page<Run>>(`${BASE}/runs`, { limit: 200, ...query }),
  run: (id: string) => get<Run>(run(id)),
  schedule: (rackSerial: string, suite: string, bay: string) => post<Run>(`${BASE}/runs`, { rackSerial, suite, bay }),
  start: (id: string) => post<Run>(`${run(id)}/start`),
  complete: (id: string) => post<Run>(`${run(id)}/complete`),
  abort: (id: string, reason: string) => post<Run>(`${run(id)}/abort`, { reason }),
  programme: (generation?: string, windowDays?: number) => get<TestRunProgramme>(`${BASE}/programme`, { generation, windowDays }),
};
