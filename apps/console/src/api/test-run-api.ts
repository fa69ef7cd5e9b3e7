import type { AbortCause, Bay, Page, Run, RunState, Suite, TestPlan, TestRunProgramme } from '@rackeval/api-client';
import { call, filters, services } from './client';

const { testRun } = services;
const byId = (id: string) => ({ params: { path: { id } } });
const byGeneration = (generation: string) => ({ params: { path: { generation } } });

export const testRunApi = {
  bays: (): Promise<Page<Bay>> => call(testRun.GET('/v1/bays', { params: { query: { limit: 500 } } })),
  createBay: (code: string, site: string): Promise<Bay> => call(testRun.POST('/v1/bays', { body: { code, site } })),
  plan: (generation: string): Promise<TestPlan> => call(testRun.GET('/v1/test-plans/{generation}', byGeneration(generation))),
  publishPlan: (generation: string, suites: Suite[]): Promise<TestPlan> =>
    call(testRun.PUT('/v1/test-plans/{generation}', { ...byGeneration(generation), body: { suites } })),
  runs: (query: { rack?: string; state?: RunState; generation?: string; limit?: number }): Promise<Page<Run>> =>
    call(testRun.GET('/v1/runs', { params: { query: filters({ limit: 200, ...query }) } })),
  run: (id: string): Promise<Run> => call(testRun.GET('/v1/runs/{id}', byId(id))),
  schedule: (rackSerial: string, suite: string, bay: string): Promise<Run> =>
    call(testRun.POST('/v1/runs', { body: { rackSerial, suite, bay } })),
  start: (id: string): Promise<Run> => call(testRun.POST('/v1/runs/{id}/start', byId(id))),
  complete: (id: string): Promise<Run> => call(testRun.POST('/v1/runs/{id}/complete', byId(id))),
  abort: (id: string, reason: string, cause: AbortCause): Promise<Run> =>
    call(testRun.POST('/v1/runs/{id}/abort', { ...byId(id), body: { reason, cause } })),
  programme: (generation?: string, windowDays?: number): Promise<TestRunProgramme> =>
    call(testRun.GET('/v1/programme', { params: { query: filters({ generation, windowDays }) } })),
};
