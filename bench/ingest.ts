// `npm run bench -- ingest [--n 100000] [--db sqlite|postgres|both] [--seed 1]`
// Generates an arXiv-like snapshot of n papers (bench/corpus.ts; kept in bench/out/ for reuse),
// then imports it with `paperboy ingest snapshot`'s code path into a fresh SQLite file and a fresh
// PostgreSQL database, each in a process of its own: records/s and peak RSS.
import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import pg from 'pg'
import type { Benchmark, Figures } from './run.js'

const run_ = promisify(execFile)
const POSTGRES_ADMIN_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'

export const run: Benchmark = async (options) => {
  const n = Number(options.n ?? 100_000)
  const seed = Number(options.seed ?? 1)
  const databases = (options.db ?? 'both') === 'both' ? ['sqlite', 'postgres'] : [options.db!]
  const file = new URL(`./out/corpus-${n}-${seed}.jsonl`, import.meta.url).pathname
  if (!existsSync(file)) {
    log(`generating ${n} papers into ${file}`)
    // In a process of its own: Linux carries a parent's peak RSS into the children it forks, so
    // this process must stay small for the import workers' figures to be their own.
    await run_(process.execPath, [
      '--import',
      'tsx',
      'bench/corpus.ts',
      '--n',
      String(n),
      '--seed',
      String(seed),
      '--out',
      file,
    ])
  }
  const figures: Figures = { n }
  for (const database of databases) {
    const { url, drop } = await freshDatabase(database)
    try {
      log(`importing into ${database}…`)
      const { stdout } = await run_(process.execPath, ['--import', 'tsx', 'bench/ingest-worker.ts', url, file], {
        maxBuffer: 1 << 20,
      })
      const result = JSON.parse(stdout.trim().split('\n').at(-1)!) as {
        records: number
        skipped: number
        seconds: number
        cpu_seconds: number
        peak_rss_mb: number
      }
      if (result.records !== n)
        throw new Error(`${database}: imported ${result.records} of ${n} (${result.skipped} skipped)`)
      const rate = Math.round(result.records / result.seconds)
      log(
        `${database}: ${result.records} records in ${result.seconds.toFixed(1)} s = ${rate} records/s, peak RSS ${result.peak_rss_mb} MB`,
      )
      figures[`${database}_records_per_s`] = rate
      figures[`${database}_peak_rss_mb`] = result.peak_rss_mb
      figures[`${database}_seconds`] = Number(result.seconds.toFixed(1))
      // The import process's own CPU time drifts less than wall time on a shared machine; for
      // PostgreSQL it leaves out the server's share.
      figures[`${database}_cpu_seconds`] = Number(result.cpu_seconds.toFixed(1))
    } finally {
      await drop()
    }
  }
  return figures
}

async function freshDatabase(kind: string): Promise<{ url: string; drop: () => Promise<void> }> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'paperboy-ingest-bench-'))
    return { url: `sqlite:${join(dir, 'bench.db')}`, drop: async () => rmSync(dir, { recursive: true, force: true }) }
  }
  const name = `paperboy_bench_${process.pid}`
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL })
    await client.connect()
    await client.query(statement).finally(() => client.end())
  }
  await admin(`DROP DATABASE IF EXISTS ${name}`)
  await admin(`CREATE DATABASE ${name}`)
  const url = new URL(POSTGRES_ADMIN_URL)
  url.pathname = `/${name}`
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) }
}

function log(message: string) {
  process.stderr.write(`${message}\n`)
}
