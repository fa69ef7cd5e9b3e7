// The bench's CPU accounting (bench/support/cpu-accounting.ts) on fake /proc samples: components
// add up to the machine's busy time, whatever processes start and end during the window.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  Classifier,
  ProcSample,
  ProcessTimes,
  accountCpu,
  benchClassifier,
  listeningPids,
  localPorts,
  parsePidStat,
  parseProcStat,
  postmasterOf,
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

  describe("the bench's own servers", () => {
    // the bench's server (postmaster 10, backend 11) and broker 20 as in `base`; beside them a fault
    // suite's server (postmaster 30, backend 31) and broker 40
    const shared = [
      ...base,
      proc(30, 1, 'postgres', 70),
      proc(31, 30, 'postgres', 90),
      proc(40, 1, 'java', 300, 0, 'java -cp x kafka.Kafka tools/faults/.state/kafka/run/server.properties'),
    ];
    const bench = benchClassifier({ intake: [500] }, { postmaster: 10, brokers: [20] }, 400);

    it("charges another PostgreSQL server and another broker on the machine to components of their own, never to the bench's", () => {
      const grown: Record<number, number> = { 11: 100, 20: 30, 31: 200, 40: 150, 500: 60 };
      const after = shared.map((p) => ({ ...p, own: p.own + (grown[p.pid] ?? 0) }));
      const sut = accountCpu(sample(10_000, shared), sample(10_540, after), bench, 2);

      expect(sut.byComponent).toEqual({
        other: 0,
        PostgreSQL: 1,
        broker: 0.3,
        'bench client': 0,
        intake: 0.6,
        'other PostgreSQL servers': 2,
        'other brokers': 1.5,
      });
      expect(sut.unattributed).toBeCloseTo(0, 10);
    });

    it("keeps a backend of another server that exits during the window with that server, and the bench's PostgreSQL at its own growth", () => {
      // the fault suite's backend 31 (90 at the start) ran 40 more and exited, reaped by its postmaster 30
      const after = shared
        .filter((p) => p.pid !== 31)
        .map((p) => (p.pid === 30 ? { ...p, children: 130 } : p.pid === 11 ? { ...p, own: 325 } : p));
      const sut = accountCpu(sample(10_000, shared), sample(10_065, after), bench, 2);

      expect(sut.byComponent['other PostgreSQL servers']).toBeCloseTo(0.4, 10);
      expect(sut.byComponent.PostgreSQL).toBeCloseTo(0.25, 10);
      expect(sut.unattributed).toBeCloseTo(0, 10);
    });

    it("counts every postgres process and every broker as the bench's when its servers were not found on this machine", () => {
      const unknown = benchClassifier({ intake: [500] }, {}, 400);
      const grown: Record<number, number> = { 11: 100, 31: 200, 40: 150 };
      const after = shared.map((p) => ({ ...p, own: p.own + (grown[p.pid] ?? 0) }));
      const sut = accountCpu(sample(10_000, shared), sample(10_450, after), unknown, 2);

      expect(sut.byComponent.PostgreSQL).toBe(3);
      expect(sut.byComponent.broker).toBe(1.5);
      expect(sut.byComponent['other PostgreSQL servers']).toBeUndefined();
    });

    it('finds the broker as the java process listening on the bootstrap port, not another broker nor a client connected to it', () => {
      const root = mkdtempSync(join(tmpdir(), 'proc-'));
      try {
        const header = '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n';
        // 9092 = 0x2384: listening (0A) on inode 777; an established (01) client connection to it on inode 888
        mkdirSync(join(root, 'net'));
        writeFileSync(
          join(root, 'net', 'tcp'),
          header +
            '   0: 0100007F:2384 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 777 1 0 100 0 0 10 0\n' +
            '   1: 0100007F:D431 0100007F:2384 01 00000000:00000000 00:00000000 00000000  1000        0 888 1 0 20 4 30 10 -1\n',
        );
        writeFileSync(join(root, 'net', 'tcp6'), header);
        const fakeProcess = (pid: number, comm: string, fds: Record<string, string>) => {
          mkdirSync(join(root, String(pid), 'fd'), { recursive: true });
          writeFileSync(join(root, String(pid), 'stat'), `${pid} (${comm}) S 1 ${pid} ${pid} 0 -1 0 0 0 0 0 1 1 0 0 20 0 1 0 5 1 1`);
          for (const [fd, target] of Object.entries(fds)) symlinkSync(target, join(root, String(pid), 'fd', fd));
        };
        fakeProcess(20, 'java', { '0': '/dev/null', '5': 'socket:[777]' });
        fakeProcess(40, 'java', { '5': 'socket:[999]' });
        fakeProcess(41, 'java', { '7': 'socket:[888]' });
        fakeProcess(50, 'node', { '9': 'socket:[777]' });

        expect(listeningPids([9092], 'java', root)).toEqual([20]);
        expect(listeningPids([29092], 'java', root)).toEqual([]);
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    });

    it('takes only the bootstrap addresses of this machine', () => {
      expect(
        localPorts(['127.0.0.1:9092', 'localhost:9093', 'kafka.example.com:9094', 'bench-host:9095', '[::1]:9096'], 'bench-host'),
      ).toEqual([9092, 9093, 9095, 9096]);
    });

    it("finds the postmaster as the parent of the connection's backend, and nothing when that pid is not a postgres process here", () => {
      const root = mkdtempSync(join(tmpdir(), 'proc-'));
      try {
        for (const [pid, ppid, comm] of [
          [2202, 1, 'postgres'],
          [2300, 2202, 'postgres'],
          [2400, 1, 'node'],
        ] as const) {
          mkdirSync(join(root, String(pid)));
          writeFileSync(join(root, String(pid), 'stat'), `${pid} (${comm}) S ${ppid} ${pid} ${pid} 0 -1 0 0 0 0 0 1 1 0 0 20 0 1 0 5 1 1`);
        }

        expect(postmasterOf(2300, root)).toBe(2202);
        expect(postmasterOf(2400, root)).toBeUndefined();
        expect(postmasterOf(9999, root)).toBeUndefined();
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    });
  });
});
