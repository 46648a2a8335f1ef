// The kernel's own high-water mark of a process's resident memory (VmHWM in /proc/<pid>/status),
// the figure every benchmark's peak_rss_mb reports. A timer that samples process.memoryUsage()
// misses the peaks that matter: a synchronous SQLite write holds the event loop, so the sampler
// cannot run while the process is at its largest (the alerts batch sampled 203 MB while ps saw 532).
// Unlike getrusage's maxRSS, VmHWM starts afresh at exec: a child process that reads its own at
// its end reports its own peak, not its parent's.
import { readFileSync } from 'node:fs'

const MB = 1048576

/** This process's peak RSS so far, in MB. */
export function peakRssMb(): number {
  const status = readFileSync('/proc/self/status', 'utf8')
  const kb = /^VmHWM:\s+(\d+) kB$/m.exec(status)?.[1]
  if (kb === undefined) throw new Error('no VmHWM in /proc/self/status')
  return Math.round((Number(kb) * 1024) / MB)
}
