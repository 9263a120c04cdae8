import { readdirSync, readFileSync } from 'node:fs';

/** Linux reports CPU time in clock ticks; 100 per second on every common kernel configuration. */
const ticksPerSecond = 100;

/** Resident memory of a process in bytes, read from `/proc/<pid>/status` (VmRSS). */
export function residentBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kilobytes = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
  if (!kilobytes) throw new Error(`No VmRSS for process ${pid}: is this Linux?`);
  return Number(kilobytes) * 1024;
}

/** CPU seconds (user + system) a process has used so far, read from `/proc/<pid>/stat`. */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name may hold spaces: fields are counted after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
}

/** Process ids whose parent is `pid` (e.g. the MongoDB stand-in the server started), from `/proc`. */
export function childPids(pid: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid) children.push(Number(entry));
    } catch {
      // The process ended while we listed it.
    }
  }
  return children;
}

/** CPU seconds the whole machine has been busy (every process, all cores), from `/proc/stat`. */
export function machineCpuSeconds(): number {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  // user nice system idle iowait irq softirq steal: everything but idle and iowait is busy.
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = line
    .split(/\s+/)
    .slice(1)
    .map(Number);
  return (user + nice + system + irq + softirq + steal) / ticksPerSecond;
}

/** Measures how busy some processes (or, without pids, the whole machine) are over a time window. */
export class CpuMeter {
  private readonly startedAt = performance.now();
  private readonly startSeconds: number;

  constructor(private readonly pids?: readonly number[]) {
    this.startSeconds = this.total();
  }

  private total(): number {
    if (!this.pids) return machineCpuSeconds();
    return this.pids.reduce((sum, pid) => sum + cpuSeconds(pid), 0);
  }

  /** Cores used on average since construction (1 = one core fully busy). */
  coresUsed(): number {
    const elapsedSeconds = (performance.now() - this.startedAt) / 1000;
    return elapsedSeconds > 0 ? (this.total() - this.startSeconds) / elapsedSeconds : 0;
  }
}
