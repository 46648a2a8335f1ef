// `npm run bench -- ingest [--n 100000] [--db sqlite|postgres|both] [--seed 1]`
// Generates an arXiv-like snapshot of n papers (bench/corpus.ts; kept in bench/out/ for reuse),
// then imports it with `paperboy ingest snapshot`'s code path into a fresh SQLite file and a fresh
// PostgreSQL database, each in a process of its own: records/s and peak RSS, and the time until the
// last batch was written against the time after it (the indexes a first load builds once at the end).
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import type { Benchmark, Figures } from './run.js'
import { corpusFile, scratchDatabase } from './scratch.js'

const run_ = promisify(execFile)

export const run: Benchmark = async (options) => {
  const n = Number(options.n ?? 100_000)
  const seed = Number(options.seed ?? 1)
  const databases = (options.db ?? 'both') === 'both' ? ['sqlite', 'postgres'] : [options.db!]
  const file = await corpusFile(n, seed, log)
  // Every write keeps the search index (issue 12); runs before it lack this figure.
  const figures: Figures = { n, search_index: true }
  for (const database of databases) {
    const { url, drop } = await scratchDatabase(database, 'ingest-bench')
    try {
      log(`importing into ${database}…`)
      const { stdout } = await run_(process.execPath, ['bench/ingest-worker.mjs', url, file], {
        maxBuffer: 1 << 20,
      })
      const result = JSON.parse(stdout.trim().split('\n').at(-1)!) as {
        records: number
        skipped: number
        seconds: number
        batches_seconds: number
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
      // Until the last batch was written, and what a first load builds after it (indexes).
      figures[`${database}_batches_seconds`] = Number(result.batches_seconds.toFixed(1))
      figures[`${database}_finish_seconds`] = Number((result.seconds - result.batches_seconds).toFixed(1))
      // The import process's own CPU time drifts less than wall time on a shared machine; for
      // PostgreSQL it leaves out the server's share.
      figures[`${database}_cpu_seconds`] = Number(result.cpu_seconds.toFixed(1))
    } finally {
      await drop()
    }
  }
  return figures
}

function log(message: string) {
  process.stderr.write(`${message}\n`)
}
