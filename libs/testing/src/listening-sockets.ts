import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

/**
 * The inodes of the TCP sockets listening on `ports`, IPv4 and IPv6, read from `<root>/net/tcp` and
 * `tcp6`; undefined when neither can be read (not Linux), so a caller can tell "nobody listens"
 * from "cannot tell".
 */
export function listeningSocketInodes(ports: readonly number[], root = '/proc'): Set<string> | undefined {
  let readable = false;
  const inodes = new Set<string>();
  for (const file of ['tcp', 'tcp6']) {
    let text: string;
    try {
      text = readFileSync(`${root}/net/${file}`, 'utf8');
    } catch {
      continue;
    }
    readable = true;
    for (const line of text.split('\n').slice(1)) {
      // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
      const f = line.trim().split(/\s+/);
      if (f.length < 10 || f[3] !== '0A') continue; // 0A: LISTEN
      if (ports.includes(parseInt(f[1].slice(f[1].lastIndexOf(':') + 1), 16))) inodes.add(f[9]);
    }
  }
  return readable ? inodes : undefined;
}

/** Whether process `pid` holds one of the sockets `inodes` among its file descriptors (false when it has ended or is not ours to read). */
export function holdsSocket(pid: number, inodes: ReadonlySet<string>, root = '/proc'): boolean {
  let fds: string[];
  try {
    fds = readdirSync(`${root}/${pid}/fd`);
  } catch {
    return false;
  }
  return fds.some((fd) => inodes.has(/^socket:\[(\d+)\]$/.exec(readlinkOrEmpty(`${root}/${pid}/fd/${fd}`))?.[1] ?? ''));
}

/**
 * Whether process `pid` is the one listening on `port`: what a service's start is judged by, since
 * another process answering on that port must not pass for it. True where the sockets cannot be
 * read (not Linux), so the caller falls back to the answer alone.
 */
export function listensOn(pid: number | undefined, port: number, root = '/proc'): boolean {
  const inodes = listeningSocketInodes([port], root);
  return inodes === undefined || (pid !== undefined && holdsSocket(pid, inodes, root));
}

function readlinkOrEmpty(path: string): string {
  try {
    return readlinkSync(path);
  } catch {
    return '';
  }
}
