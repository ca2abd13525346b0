import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

/**
 * CPU time of the processes an order runs through, read from /proc (Linux):
 * utime + stime of a process and of its live descendants, so a PostgreSQL
 * postmaster counts its backends. A descendant that is itself a measured
 * process (the dev server under `npm start`) counts only for itself.
 */
export type Roles = Record<string, number[]>;

const TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/** The pid listening on a local TCP port, from `ss` (null when nobody we can see listens there). */
export function pidOnPort(port: number): number | null {
  const out = execFileSync('ss', ['-ltnpH', `sport = :${port}`], { encoding: 'utf8' });
  const m = /pid=(\d+)/.exec(out);
  return m ? Number(m[1]) : null;
}

/** BENCH_PIDS "api=123,worker=456,worker=789": role names as given; a role named twice sums its processes (two workers). */
export function parsePids(text: string): Roles {
  const roles: Roles = {};
  for (const pair of text.split(',').map((s) => s.trim()).filter(Boolean)) {
    const [role, pid] = pair.split('=');
    if (!role || !/^\d+$/.test(pid ?? '')) throw new Error(`BENCH_PIDS takes role=pid pairs, e.g. api=123,worker=456; got "${pair}"`);
    roles[role] = [...(roles[role] ?? []), Number(pid)];
  }
  return roles;
}

interface Stat {
  ppid: number;
  seconds: number;
}

function readStat(pid: number): Stat | null {
  try {
    const text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: fields are counted after its last ')'.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(fields[1]), seconds: (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND };
  } catch {
    return null;
  }
}

/** CPU seconds used so far by each role's process trees (summed when a role has several processes). */
export function cpuSeconds(roles: Roles): Record<string, number> {
  const stats = new Map<number, Stat>();
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = readStat(Number(name));
    if (stat) stats.set(Number(name), stat);
  }
  const children = new Map<number, number[]>();
  for (const [pid, { ppid }] of stats) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  const measured = new Set(Object.values(roles).flat());
  const tree = (pid: number): number =>
    (stats.get(pid)?.seconds ?? 0) + (children.get(pid) ?? []).filter((c) => !measured.has(c)).reduce((sum, c) => sum + tree(c), 0);
  return Object.fromEntries(Object.entries(roles).map(([role, pids]) => [role, pids.reduce((sum, pid) => sum + tree(pid), 0)]));
}

/** CPU ms per order (or per second: any count) of each role between two readings. */
export function cpuMsPer(before: Record<string, number>, after: Record<string, number>, count: number): Record<string, number> {
  return Object.fromEntries(Object.keys(after).map((role) => [role, count ? ((after[role] - (before[role] ?? 0)) * 1000) / count : NaN]));
}
