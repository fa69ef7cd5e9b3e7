import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { SERVICES, ServiceName } from '@rackeval/testing';

/**
 * The bench's own service processes, found through /proc: children of this process whose command
 * line runs `apps/<service>/src/main.ts` (RackevalSystem does not expose their pids).
 */
export function servicePids(): Partial<Record<ServiceName, number>> {
  return Object.fromEntries(serviceChildren().map(({ service, pid }) => [service, pid]));
}

/** Children of this process whose command line runs `apps/<service>/src/main.ts`, with their service. */
export function serviceChildren(): Array<{ pid: number; service: ServiceName }> {
  const children: Array<{ pid: number; service: ServiceName }> = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid !== process.pid) continue;
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      const service = SERVICES.find((name) => cmdline.includes(`apps/${name}/src/main.ts`));
      if (service) children.push({ pid: Number(entry), service });
    } catch {
      // the process ended while we looked
    }
  }
  return children;
}

function statusKiB(pid: number, field: 'VmHWM' | 'VmRSS'): number | undefined {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) : undefined;
}

/** Resets each process's peak RSS to its current RSS (Linux clear_refs 5); false where refused. */
export function resetPeaks(pids: Partial<Record<ServiceName, number>>): boolean {
  let all = true;
  for (const pid of Object.values(pids)) {
    try {
      writeFileSync(`/proc/${pid}/clear_refs`, '5');
    } catch {
      all = false;
    }
  }
  return all;
}

/** Peak and current resident memory per service, in MiB. */
export function memory(pids: Partial<Record<ServiceName, number>>): Partial<Record<ServiceName, { peakMiB: number; rssMiB: number }>> {
  const out: Partial<Record<ServiceName, { peakMiB: number; rssMiB: number }>> = {};
  for (const [name, pid] of Object.entries(pids) as Array<[ServiceName, number]>) {
    try {
      out[name] = { peakMiB: Math.round((statusKiB(pid, 'VmHWM') ?? 0) / 1024), rssMiB: Math.round((statusKiB(pid, 'VmRSS') ?? 0) / 1024) };
    } catch {
      // gone
    }
  }
  return out;
}
