import { readFileSync, readdirSync } from 'node:fs';
import { holdsSocket, listeningSocketInodes } from '@rackeval/testing';

/**
 * Where the machine's CPU went over a window, by component, from two samples of /proc.
 *
 * Each component is charged, per process it owns, the process's own time (utime + stime, every
 * thread included, live or ended) plus the time of its children it has reaped (cutime + cstime).
 * A PostgreSQL backend that exits during the window is reaped by the postmaster, so its whole life
 * lands in the postmaster's cumulative child time; a process alive at the start that has gone by
 * the end had its start value counted under its own component, so that value moves to the
 * component of the ancestor that reaped it (what that ancestor's child time now includes). What no
 * process explains — interrupts and softirqs PostgreSQL and the kernel do not charge to a task,
 * tick-versus-runtime rounding, children reaped by a parent outside the sample — is printed as
 * "unattributed": the machine's busy time from /proc/stat minus the sum of the components.
 */

/** Clock ticks per second of /proc's times (USER_HZ; 100 on every Linux the bench runs on). */
export const TICKS_PER_SECOND = 100;

export interface ProcessTimes {
  pid: number;
  ppid: number;
  /** the name in /proc/<pid>/stat, e.g. `postgres`, `java`, `node` */
  comm: string;
  /** own time, ticks: utime + stime */
  own: number;
  /** time of reaped children, ticks: cutime + cstime */
  children: number;
  /** command line, read only for the processes a classifier needs it for */
  cmdline?: string;
}

export interface ProcSample {
  /** busy ticks of all cores together from /proc/stat's `cpu` line: user + nice + system + irq + softirq */
  busy: number;
  /** every tick of the `cpu` line but guest (already in user): the window's length in core-ticks */
  total: number;
  processes: ProcessTimes[];
}

/** Which component a process belongs to (given its ancestors are classified first); undefined: "other". */
export type Classifier = (process: ProcessTimes, parent: string | undefined) => string | undefined;

/** Busy and total ticks of the `cpu` line of /proc/stat. */
export function parseProcStat(text: string): { busy: number; total: number } {
  const line = text.split('\n').find((l) => l.startsWith('cpu '));
  if (!line) throw new Error('/proc/stat has no cpu line');
  // user nice system idle iowait irq softirq steal guest guest_nice
  const [user, nice, system, idle, iowait, irq, softirq, steal = 0] = line.trim().split(/\s+/).slice(1).map(Number);
  const busy = user + nice + system + irq + softirq;
  return { busy, total: busy + idle + iowait + steal };
}

/** One /proc/<pid>/stat line; the name may hold spaces and parentheses, so fields are counted from the last ')'. */
export function parsePidStat(text: string): ProcessTimes {
  const close = text.lastIndexOf(')');
  const pid = Number(text.slice(0, text.indexOf(' ')));
  const comm = text.slice(text.indexOf('(') + 1, close);
  const f = text
    .slice(close + 2)
    .trim()
    .split(' ');
  // f[0] is field 3 (state): ppid 4, utime 14, stime 15, cutime 16, cstime 17
  return { pid, ppid: Number(f[1]), comm, own: Number(f[11]) + Number(f[12]), children: Number(f[13]) + Number(f[14]) };
}

/** Reads /proc once: the machine's ticks and every process's times (and command line where `wantCmdline` says). */
export function sampleProc(wantCmdline: (p: ProcessTimes) => boolean = () => false, root = '/proc'): ProcSample {
  const before = parseProcStat(readFileSync(`${root}/stat`, 'utf8'));
  const processes: ProcessTimes[] = [];
  for (const entry of readdirSync(root)) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const p = parsePidStat(readFileSync(`${root}/${entry}/stat`, 'utf8'));
      if (wantCmdline(p)) p.cmdline = readFileSync(`${root}/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ');
      processes.push(p);
    } catch {
      // the process ended while we looked: its times are in its parent's child time by the next sample
    }
  }
  const after = parseProcStat(readFileSync(`${root}/stat`, 'utf8'));
  // /proc/stat read on both sides of the walk; the midpoint is when the processes were read
  return { busy: (before.busy + after.busy) / 2, total: (before.total + after.total) / 2, processes };
}

export const OTHER = 'other';
export const UNATTRIBUTED = 'unattributed';

/** Component of every process of a sample: a process is its classifier's answer, else its parent's component, else "other". */
function components(sample: ProcSample, classify: Classifier): Map<number, string> {
  const byPid = new Map(sample.processes.map((p) => [p.pid, p]));
  const out = new Map<number, string>();
  const of = (p: ProcessTimes, depth = 0): string => {
    const known = out.get(p.pid);
    if (known) return known;
    const parent = byPid.get(p.ppid);
    const parentComponent = parent && parent.pid !== p.pid && depth < 64 ? of(parent, depth + 1) : undefined;
    const component = classify(p, parentComponent === OTHER ? undefined : parentComponent) ?? parentComponent ?? OTHER;
    out.set(p.pid, component);
    return component;
  };
  for (const p of sample.processes) of(p);
  return out;
}

export interface CpuAccount {
  /** seconds of the window (core-ticks of one core / TICKS_PER_SECOND) */
  seconds: number;
  /** busy CPU-seconds of the whole machine (/proc/stat) */
  machineBusy: number;
  /** CPU-seconds per component, "other" for every process no classifier claimed */
  byComponent: Record<string, number>;
  /** machineBusy − Σ byComponent: CPU-seconds no process accounts for (may be slightly negative from rounding) */
  unattributed: number;
  cores: number;
}

/**
 * CPU-seconds each component used between two samples. Σ byComponent + unattributed = machineBusy
 * exactly; how small `unattributed` is says how well the processes account for the machine.
 */
export function accountCpu(before: ProcSample, after: ProcSample, classify: Classifier, cores: number): CpuAccount {
  const startComponents = components(before, classify);
  const endComponents = components(after, classify);
  const alive = new Map(after.processes.map((p) => [p.pid, p]));
  const beforeByPid = new Map(before.processes.map((p) => [p.pid, p]));
  const ticks: Record<string, number> = {};
  const add = (component: string, n: number) => (ticks[component] = (ticks[component] ?? 0) + n);
  for (const p of after.processes) add(endComponents.get(p.pid)!, p.own + p.children);
  for (const p of before.processes) {
    let holder: ProcessTimes | undefined = p;
    // gone: its times (and its reaped children's) are now in the child time of the first ancestor still alive
    for (let depth = 0; holder && !isSame(holder, alive.get(holder.pid)) && depth < 64; depth++) holder = beforeByPid.get(holder.ppid);
    const component = holder ? endComponents.get(holder.pid)! : (startComponents.get(p.pid) ?? OTHER);
    add(component, -(p.own + p.children));
  }
  const byComponent = Object.fromEntries(Object.entries(ticks).map(([name, n]) => [name, n / TICKS_PER_SECOND]));
  const machineBusy = (after.busy - before.busy) / TICKS_PER_SECOND;
  const attributed = Object.values(byComponent).reduce((sum, s) => sum + s, 0);
  return {
    seconds: (after.total - before.total) / TICKS_PER_SECOND / cores,
    machineBusy,
    byComponent,
    unattributed: machineBusy - attributed,
    cores,
  };
}

/** The same process in both samples (a reused pid shows times lower than its predecessor's; a process's never go backwards). */
function isSame(then: ProcessTimes, now: ProcessTimes | undefined): boolean {
  return now !== undefined && now.own >= then.own && now.children >= then.children;
}

export const POSTGRES = 'PostgreSQL';
export const BROKER = 'broker';
export const BENCH_CLIENT = 'bench client';
/** PostgreSQL servers on the machine other than the bench's (a fault suite's, another checkout's). */
export const OTHER_POSTGRES = 'other PostgreSQL servers';
/** Kafka brokers on the machine other than the bench's (a fault suite's, an idle cluster). */
export const OTHER_BROKERS = 'other brokers';

/**
 * The servers the bench talks to, as processes on this machine: the postmaster of its database
 * server and the brokers listening on its bootstrap addresses. Undefined where they were not found
 * here (a remote server): then every `postgres` process, or every Kafka broker, counts as the bench's.
 */
export interface BenchServers {
  postmaster?: number;
  brokers?: readonly number[];
}

/**
 * The bench's components: each service's processes (the pids given, or any node process running
 * `apps/<service>/src/main.ts` started by this bench, and anything they start); the bench's
 * PostgreSQL server — its postmaster and everything under it: backends, background workers, and in
 * the postmaster's child time every backend that ended; the bench's Kafka brokers (java processes
 * running kafka.Kafka); this process. Other PostgreSQL servers and other brokers on the machine
 * are components of their own, never the bench's; everything else is "other".
 */
export function benchClassifier(
  services: Record<string, readonly number[]>,
  servers: BenchServers = {},
  benchPid = process.pid,
): Classifier {
  const service = new Map(Object.entries(services).flatMap(([name, pids]) => pids.map((pid) => [pid, name] as const)));
  const brokers = servers.brokers ? new Set(servers.brokers) : undefined;
  return (p, parent) => {
    const name = service.get(p.pid);
    if (name) return name;
    const main = p.comm === 'node' ? /apps\/([a-z-]+)\/src\/main\.ts/.exec(p.cmdline ?? '') : null;
    if (main && parent === BENCH_CLIENT) return main[1];
    if (p.comm === 'postgres') {
      if (servers.postmaster === undefined || p.pid === servers.postmaster || parent === POSTGRES) return POSTGRES;
      return OTHER_POSTGRES;
    }
    if (p.comm === 'java' && p.cmdline?.includes('kafka.Kafka')) return !brokers || brokers.has(p.pid) ? BROKER : OTHER_BROKERS;
    if (p.pid === benchPid) return BENCH_CLIENT;
    return undefined;
  };
}

/** Ports of `host:port` addresses that name this machine (localhost, 127.x, ::1, 0.0.0.0 or this host's name). */
export function localPorts(addresses: readonly string[], hostname: string): number[] {
  const local = (host: string) => /^(localhost|127\.\d+\.\d+\.\d+|::1|\[::1\]|0\.0\.0\.0)$/.test(host) || host === hostname;
  return addresses
    .map((address) => /^(.*):(\d+)$/.exec(address.trim()))
    .filter((m): m is RegExpExecArray => m !== null && local(m[1]))
    .map((m) => Number(m[2]));
}

/**
 * Pids of the processes named `comm` (e.g. `java`) holding a socket that listens on one of `ports`
 * (from /proc/net/tcp and tcp6, then each such process's open descriptors). Processes whose
 * descriptors cannot be read (another user's, without privileges) are not found.
 */
export function listeningPids(ports: readonly number[], comm: string, root = '/proc'): number[] {
  const inodes = listeningSocketInodes(ports, root);
  if (!inodes?.size) return [];
  const found: number[] = [];
  for (const entry of readdirSync(root)) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (parsePidStat(readFileSync(`${root}/${entry}/stat`, 'utf8')).comm !== comm) continue;
    } catch {
      continue; // ended, or not ours to read
    }
    if (holdsSocket(Number(entry), inodes, root)) found.push(Number(entry));
  }
  return found;
}

/** The postmaster of a backend: the backend's parent, if this machine has it and it is a `postgres` process. */
export function postmasterOf(backendPid: number, root = '/proc'): number | undefined {
  try {
    const backend = parsePidStat(readFileSync(`${root}/${backendPid}/stat`, 'utf8'));
    if (backend.comm !== 'postgres') return undefined;
    const postmaster = parsePidStat(readFileSync(`${root}/${backend.ppid}/stat`, 'utf8'));
    return postmaster.comm === 'postgres' ? postmaster.pid : undefined;
  } catch {
    return undefined;
  }
}

/** The command lines benchClassifier looks at. */
export const benchCmdlines = (p: ProcessTimes) => p.comm === 'java' || p.comm === 'node';

/** Measures a window: `const meter = CpuMeter.start(pids, cores, servers)` … `meter.stop()`. */
export class CpuMeter {
  private constructor(
    private readonly classify: Classifier,
    private readonly before: ProcSample,
    private readonly cores: number,
  ) {}

  static start(services: Record<string, readonly number[]>, cores: number, servers: BenchServers = {}): CpuMeter {
    return new CpuMeter(benchClassifier(services, servers), sampleProc(benchCmdlines), cores);
  }

  stop(): CpuAccount {
    return accountCpu(this.before, sampleProc(benchCmdlines), this.classify, this.cores);
  }
}
