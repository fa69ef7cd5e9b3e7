import { readFileSync } from 'node:fs';
import type { ServiceName } from '@rackeval/testing';
import type { Api } from '../support/api';
import { servicePids } from '../support/memory';
import { now, since } from '../support/stats';

/** How often the service's resident memory is read during an export. */
const RSS_EVERY_MS = 20;

const rssKiB = (pid: number): number => Number(/^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN);

export interface CsvExportFigures {
  name: string;
  path: string;
  /** Lines after the header. */
  rows: number;
  bytes: number;
  seconds: number;
  /** The service's RSS just before the export, the highest sampled during it, and how many samples. */
  baselineMiB: number;
  peakMiB: number;
  growthMiB: number;
  /** The peak growth by the time a quarter of the rows had arrived: flat memory reaches its peak early, a buffered export grows to the end. */
  growthAtQuarterMiB: number;
  rssSamples: number;
}

/**
 * Downloads a CSV export as a reader would, counting its lines as they arrive (the bench keeps
 * none of it), and reads the service process's VmRSS every 20 ms meanwhile: the peak over the
 * RSS just before is what the export cost in memory, and the peak by the time a quarter of the rows
 * had arrived says whether it kept growing with the rows (buffered) or stayed flat (streamed).
 */
export async function timeCsvExport(api: Api, name: string, service: ServiceName, path: string, user: string): Promise<CsvExportFigures> {
  const pid = servicePids()[service];
  if (pid === undefined) throw new Error(`${name}: no ${service} process found among the bench's children`);
  const token = await api.token(user);
  const baseline = Math.min(rssKiB(pid), rssKiB(pid));
  let peak = baseline;
  let rssSamples = 0;
  let lines = 0;
  /** [lines arrived, peak so far] at each sample. */
  const timeline: Array<[number, number]> = [];
  const sampler = setInterval(() => {
    try {
      peak = Math.max(peak, rssKiB(pid));
      rssSamples++;
      timeline.push([lines, peak]);
    } catch {
      // the process is gone: the export fails below
    }
  }, RSS_EVERY_MS);
  const started = now();
  let bytes = 0;
  try {
    const response = await fetch(`${api.system.url(service)}${path}`, { headers: { authorization: `Bearer ${token}` } });
    if (response.status !== 200 || !response.body) throw new Error(`${name}: ${response.status} ${(await response.text()).slice(0, 300)}`);
    for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
      bytes += chunk.length;
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
    }
  } finally {
    clearInterval(sampler);
  }
  const seconds = since(started) / 1000;
  peak = Math.max(peak, rssKiB(pid));
  const mib = (kib: number) => Math.round(kib / 102.4) / 10;
  const atQuarter = timeline.find(([arrived]) => arrived >= lines / 4)?.[1] ?? peak;
  return {
    name,
    path,
    rows: lines - 1,
    bytes,
    seconds,
    baselineMiB: mib(baseline),
    peakMiB: mib(peak),
    growthMiB: mib(peak - baseline),
    growthAtQuarterMiB: mib(atQuarter - baseline),
    rssSamples,
  };
}
