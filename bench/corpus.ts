// A synthetic arXiv: N papers in the line format of arXiv's Kaggle metadata snapshot, recombined
// from real titles, sentences, names and categories, for the ingest and search benchmarks.
//
//   npx tsx bench/corpus.ts --n 100000 --seed 1 --out bench/out/corpus-100k.jsonl[.gz]
import { createWriteStream } from 'node:fs'
import { mkdir, stat } from 'node:fs/promises'
import { dirname } from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { z } from 'zod'
import { useLinePool, type LinePool } from './corpus/pool.js'

/** Lines per range sent to a worker: large enough that messaging costs little, ~2 MB of text. */
const CHUNK_LINES = 1_000
/** Ranges queued per worker: one rendering, one waiting, so workers never idle on the writer. */
const CHUNKS_AHEAD_PER_WORKER = 2
const PROGRESS_EVERY_LINES = 100_000

export interface CorpusOptions {
  n: number
  seed: number
  out: string
  /** Gzip the output; by default when `out` ends in `.gz`. */
  gzip?: boolean
}

export interface CorpusSummary {
  n: number
  /** Size of the written file (compressed, when gzipped). */
  bytes: number
  /** Time spent generating and writing, after the workers have read the listings. */
  seconds: number
  /** Time spent waiting for the workers to read the listings (once per process). */
  setupSeconds: number
}

/**
 * Writes `n` papers to `out`, streaming, so memory stays flat at any n. The same seed and n give a
 * byte-identical file.
 */
export async function generateCorpus(
  options: CorpusOptions,
  onProgress?: (lines: number) => void,
): Promise<CorpusSummary> {
  const setupStarted = performance.now()
  const pool = useLinePool()
  await pool.ready
  const started = performance.now()
  await mkdir(dirname(options.out), { recursive: true })
  const gzip = options.gzip ?? options.out.endsWith('.gz')
  await pipeline(Readable.from(renderInOrder(pool, options, gzip, onProgress)), createWriteStream(options.out))
  const { size } = await stat(options.out)
  return {
    n: options.n,
    bytes: size,
    seconds: (performance.now() - started) / 1000,
    setupSeconds: (started - setupStarted) / 1000,
  }
}

/** The corpus as chunks in serial order, with a few ranges always rendering ahead of the writer. */
async function* renderInOrder(
  pool: LinePool,
  { n, seed }: CorpusOptions,
  gzip: boolean,
  onProgress?: (lines: number) => void,
): AsyncGenerator<Uint8Array> {
  const pending: { from: number; to: number; bytes: Promise<Uint8Array> }[] = []
  let nextSerial = 1
  const requestNext = () => {
    const to = Math.min(n + 1, nextSerial + CHUNK_LINES)
    const bytes = pool.render({ seed, n, from: nextSerial, to, gzip })
    // A range may fail while an earlier one is awaited; it is rethrown when its turn comes.
    bytes.catch(() => {})
    pending.push({ from: nextSerial, to, bytes })
    nextSerial = to
  }
  while (nextSerial <= n && pending.length < pool.size * CHUNKS_AHEAD_PER_WORKER) requestNext()
  while (pending.length > 0) {
    const { from, to, bytes } = pending.shift()!
    const chunk = await bytes
    if (nextSerial <= n) requestNext()
    yield chunk
    const written = to - 1
    if (Math.floor(written / PROGRESS_EVERY_LINES) > Math.floor((from - 1) / PROGRESS_EVERY_LINES) || to > n) {
      onProgress?.(written)
    }
  }
}

const CliOptionsSchema = z.object({
  n: z.coerce.number().int().positive(),
  seed: z.coerce
    .number()
    .int()
    .min(0)
    .max(2 ** 32 - 1),
  out: z.string().min(1),
})

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      n: { type: 'string' },
      seed: { type: 'string', default: '1' },
      out: { type: 'string' },
    },
  })
  const parsed = CliOptionsSchema.safeParse(values)
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `--${issue.path.join('.')}: ${issue.message}`)
    fail(`usage: corpus.ts --n <lines> [--seed <uint32>] --out <file.jsonl[.gz]>` + ` (${problems.join('; ')})`)
  }
  const { n, seed, out } = parsed.data
  const started = performance.now()
  const summary = await generateCorpus({ n, seed, out }, (lines) => {
    log(`${count(lines)} / ${count(n)} lines`)
  })
  const megabytes = (summary.bytes / 1e6).toFixed(1)
  const rate = count(summary.n / summary.seconds)
  const seconds = summary.seconds.toFixed(1)
  const total = ((performance.now() - started) / 1000).toFixed(1)
  log(
    `wrote ${count(summary.n)} lines, ${megabytes} MB, to ${out} in ${seconds} s` +
      ` (${rate} lines/s), after ${summary.setupSeconds.toFixed(1)} s reading the listings` +
      ` (${total} s in all)`,
  )
}

function log(message: string): void {
  process.stderr.write(`corpus: ${message}\n`)
}

function fail(message: string): never {
  log(message)
  process.exit(1)
}

function count(value: number): string {
  return Math.round(value).toLocaleString('en-US')
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)))
}
