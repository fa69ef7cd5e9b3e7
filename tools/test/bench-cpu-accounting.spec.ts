// The bench's CPU accounting (bench/support/cpu-accounting.ts) on fake /proc samples: components
// add up to the machine's busy time, whatever processes start and end during the window.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  Classifier,
  ProcSample,
  ProcessTimes,
  accountCpu,
  parsePidStat,
  parseProcStat,
  sampleProc,
} from '../../bench/support/cpu-accounting';

const proc = (pid: number, ppid: number, comm: string, own: number, children = 0, cmdline?: string): ProcessTimes => ({
  pid,
  ppid,
  comm,
  own,
  children,
  cmdline,
});
const sample = (busy: number, processes: ProcessTimes[]): ProcSample => ({ busy, total: busy + 1000, processes });

const classify: Classifier = (p) => {
  if (p.pid === 500) return 'intake';
  if (p.comm === 'postgres') return 'PostgreSQL';
  if (p.cmdline?.includes('kafka.Kafka')) return 'broker';
  if (p.pid === 400) return 'bench client';
  return undefined;
};

// init 1 → postmaster 10 → backends; init → broker 20; init → bench 400 → service 500 → its helper 501
const base = [
  proc(1, 0, 'init', 50),
  proc(10, 1, 'postgres', 100, 0),
  proc(11, 10, 'postgres', 300),
  proc(12, 10, 'postgres', 40),
  proc(20, 1, 'java', 500, 0, 'java -cp x kafka.Kafka server.properties'),
  proc(400, 1, 'node', 200),
  proc(500, 400, 'node', 1000),
  proc(501, 500, 'esbuild', 30),
  proc(600, 1, 'bash', 5),
];

describe('bench CPU accounting', () => {
  it('charges each live process its own growth, under its component', () => {
    const after = base.map((p) => ({ ...p, own: p.own + ({ 11: 150, 20: 40, 400: 60, 500: 300, 501: 10, 600: 15 }[p.pid] ?? 0) }));
    const sut = accountCpu(sample(10_000, base), sample(10_600, after), classify, 2);

    expect(sut.byComponent).toEqual({ other: 0.15, PostgreSQL: 1.5, broker: 0.4, 'bench client': 0.6, intake: 3.1 });
    expect(sut.machineBusy).toBe(6);
    expect(sut.unattributed).toBeCloseTo(0.25, 10);
  });

  it('keeps a PostgreSQL backend that exits during the window: its life is in the postmaster child time, never a negative figure', () => {
    // backend 11 (300 ticks at the start) ran 200 more and exited; the postmaster reaped it: children 0 → 500
    // backend 13 started and exited within the window after 80 ticks; backend 14 started and still runs (25)
    const after = base
      .filter((p) => p.pid !== 11)
      .map((p) => (p.pid === 10 ? { ...p, children: 500 + 80 } : p))
      .concat(proc(14, 10, 'postgres', 25));
    const sut = accountCpu(sample(10_000, base), sample(10_305, after), classify, 2);

    expect(sut.byComponent.PostgreSQL).toBeCloseTo(3.05, 10);
    expect(sut.unattributed).toBeCloseTo(0, 10);
  });

  it('moves a child that ends under a parent of another component to the parent that reaped it, and the sum still adds up', () => {
    // the service's helper 501 (30 at the start) ran 20 more and was reaped by the service
    const after = base.filter((p) => p.pid !== 501).map((p) => (p.pid === 500 ? { ...p, own: 1100, children: 50 } : p));
    const sut = accountCpu(sample(10_000, base), sample(10_120, after), classify, 2);

    expect(sut.byComponent.intake).toBeCloseTo(1.2, 10);
    expect(sut.byComponent.other).toBeCloseTo(0, 10);
    expect(sut.unattributed).toBeCloseTo(0, 10);
  });

  it('counts a reused pid as a new process, not as time going backwards', () => {
    const after = base.map((p) => (p.pid === 600 ? proc(600, 1, 'bash', 2) : p)).map((p) => (p.pid === 1 ? { ...p, children: 5 + 3 } : p));
    const sut = accountCpu(sample(10_000, base), sample(10_010, after), classify, 2);

    expect(sut.byComponent.other).toBeCloseTo(0.05, 10);
    expect(Object.values(sut.byComponent).every((s) => s >= 0)).toBe(true);
  });

  it('sums the components and the unattributed rest to the busy time of /proc/stat, idle, iowait and steal excluded', () => {
    const before = sample(parseProcStat('cpu  5441 0 3480 34676 227 10 75 11 0 0\ncpu0 1 2 3\n').busy, base);
    const after = sample(
      parseProcStat('cpu  5641 5 3580 35676 300 12 80 50 0 0\n').busy,
      base.map((p) => (p.pid === 500 ? { ...p, own: p.own + 250 } : p)),
    );
    const sut = accountCpu(before, after, classify, 2);

    expect(sut.machineBusy).toBeCloseTo((200 + 5 + 100 + 2 + 5) / 100, 10);
    expect(Object.values(sut.byComponent).reduce((a, b) => a + b, 0) + sut.unattributed).toBeCloseTo(sut.machineBusy, 10);
    expect(sut.byComponent.intake).toBe(2.5);
  });

  it('reads a stat line whose name holds spaces and parentheses', () => {
    expect(parsePidStat('4242 (my (odd) name) S 7 4242 4242 0 -1 4194560 100 0 0 0 120 30 9 1 20 0 1 0 100 1000 10')).toEqual({
      pid: 4242,
      ppid: 7,
      comm: 'my (odd) name',
      own: 150,
      children: 10,
    });
  });

  it('samples a /proc tree, skipping a process that vanished between listing and reading', () => {
    const root = mkdtempSync(join(tmpdir(), 'proc-'));
    try {
      writeFileSync(join(root, 'stat'), 'cpu  100 0 50 1000 0 0 0 0 0 0\n');
      mkdirSync(join(root, '10'));
      writeFileSync(join(root, '10', 'stat'), '10 (postgres) S 1 10 10 0 -1 0 0 0 0 0 7 3 11 2 20 0 1 0 5 1 1');
      writeFileSync(join(root, '10', 'cmdline'), 'postgres\0-D\0/data\0');
      mkdirSync(join(root, '11')); // gone: no stat file
      const sut = sampleProc((p) => p.comm === 'postgres', root);

      expect(sut.busy).toBe(150);
      expect(sut.processes).toEqual([{ pid: 10, ppid: 1, comm: 'postgres', own: 10, children: 13, cmdline: 'postgres -D /data ' }]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
