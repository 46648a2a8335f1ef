// Debian's wrk, the load generator of the benchmarks that load a server over HTTP
// (docs/decisions/0017-load-generator.md): in C, it leaves the two cores to the server, where a
// JavaScript client measured itself. Each benchmark keeps a JavaScript fallback for a machine
// without it and names the generator it used in its figures.
import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export const wrkPath = ['/usr/bin/wrk', '/usr/local/bin/wrk'].find((p) => existsSync(p))

export interface WrkRun {
  url: string
  connections: number
  /** Seconds. */
  duration: number
  headers?: Record<string, string>
  /** Lua that sets wrk's `request` (or `init`) to vary what is asked; without it, `url` every time. */
  lua?: string
}

export interface WrkResult {
  rps: number
  requests: number
  p50: number
  p95: number
  p99: number
  /** Non-2xx/3xx answers and socket errors (timeouts included). */
  errors: number
}

/**
 * Runs wrk on one thread and reads its summary. The percentiles come from a `done` hook of ours,
 * in microseconds, since wrk's own report has no p95 and rounds to two decimals.
 */
export async function runWrk(run: WrkRun): Promise<WrkResult> {
  if (!wrkPath) throw new Error('wrk is not installed')
  const dir = mkdtempSync(join(tmpdir(), 'paperboy-wrk-'))
  try {
    const script = join(dir, 'load.lua')
    writeFileSync(script, `${run.lua ?? ''}\n${PERCENTILES}`)
    const headers = Object.entries(run.headers ?? {}).flatMap(([k, v]) => ['-H', `${k}: ${v}`])
    const args = ['-t1', `-c${run.connections}`, `-d${run.duration}s`, ...headers, '-s', script, run.url]
    const out = await new Promise<string>((resolve, reject) => {
      execFile(wrkPath!, args, (error, stdout) => (error ? reject(error) : resolve(stdout)))
    })
    return readSummary(out, run.url)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

const PERCENTILES = `done = function(summary, latency, requests)
  io.write(string.format("percentiles-us %d %d %d\\n", latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end`

function readSummary(out: string, url: string): WrkResult {
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1])
  const requests = Number(/(\d+) requests in/.exec(out)?.[1])
  const percentiles = /^percentiles-us (\d+) (\d+) (\d+)$/m.exec(out)
  if (!Number.isFinite(rps) || !Number.isFinite(requests) || !percentiles) {
    throw new Error(`wrk printed no result for ${url}:\n${out}`)
  }
  const errors = [
    /Non-2xx or 3xx responses: (\d+)/,
    /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/,
  ]
    .flatMap((re) => re.exec(out)?.slice(1) ?? [])
    .reduce((sum, n) => sum + Number(n), 0)
  const [p50, p95, p99] = percentiles.slice(1).map((us) => Number((Number(us) / 1000).toFixed(2)))
  return { rps, requests, p50: p50!, p95: p95!, p99: p99!, errors }
}
