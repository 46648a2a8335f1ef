// `npm run bench -- search [--n 100000] [--db sqlite|postgres] [--seed 1] [--rounds 5] [--keep path] [--reuse-index]`
// Loads the synthetic corpus (bench/corpus.ts) through the snapshot ingest, rebuilds the search
// index (index_build_s), then runs a fixed mix of queries: latency percentiles, the overlap of
// each top 20 with the engine's own exhaustive ranking, and searches per second.
// `--keep path` keeps the loaded SQLite file there and reuses it on the next run; with
// `--reuse-index` such a run skips the rebuild (the ingest wrote the index; lists are made lazily
// in the untimed warm-up, reported as warmup_s).
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { promisify } from 'node:util'
import { connect } from '../src/platform/db/connect.js'
import { migrateToLatest } from '../src/migrations.js'
import { searchEngine } from '../src/search/engine.js'
import type { Atom, Field, ParsedQuery, SearchRequest } from '../src/search/model.js'
import { phraseTokens, prefixToken, queryWordToken } from '../src/search/normalize.js'
import { corpusFile, type ScratchDatabase, scratchDatabase } from './scratch.js'
import type { Benchmark, Figures } from './run.js'

const run_ = promisify(execFile)
/** Searches in flight at once for the throughput figure. */
const CONCURRENCY = 8

export const run: Benchmark = async (options) => {
  const n = Number(options.n ?? 100_000)
  const seed = Number(options.seed ?? 1)
  const rounds = Number(options.rounds ?? 5)
  const database = options.db ?? 'sqlite'
  const file = await corpusFile(n, seed, log)
  const figures: Figures = { n, db: database }
  const { url, drop, loaded } = await freshDatabase(database, options.keep)
  try {
    if (!loaded) {
      log(`importing ${n} papers into ${database} (the index is written with them)…`)
      const { stdout } = await run_(process.execPath, ['--import', 'tsx', 'bench/ingest-worker.ts', url, file], {
        maxBuffer: 1 << 20,
      })
      const result = JSON.parse(stdout.trim().split('\n').at(-1)!) as { records: number; seconds: number }
      figures.ingest_records_per_s = Math.round(result.records / result.seconds)
      log(`imported ${result.records} in ${result.seconds.toFixed(1)} s`)
    }
    const db = connect(url)
    await migrateToLatest(db)
    const engine = searchEngine(db)
    let started = performance.now()
    let last = 0
    if (!(loaded && options['reuse-index'])) {
      await engine.rebuild((done, total) => {
        if (performance.now() - last > 30_000) {
          last = performance.now()
          log(`rebuilding: ${done} of ${total}`)
        }
      })
      figures.index_build_s = Number(((performance.now() - started) / 1000).toFixed(1))
      log(`index built in ${figures.index_build_s} s`)
    }

    const mix = queryMix()
    // Once each, untimed: what a list costs the first time is the build's, not the query's.
    started = performance.now()
    for (const q of mix) await engine.search(q.request)
    figures.warmup_s = Number(((performance.now() - started) / 1000).toFixed(1))
    log(`warm-up (lists made on first use) in ${figures.warmup_s} s`)
    const times: number[] = []
    const byKind = new Map<string, number[]>()
    for (let r = 0; r < rounds; r++) {
      for (const q of mix) {
        const t = performance.now()
        await engine.search(q.request)
        const ms = performance.now() - t
        times.push(ms)
        byKind.set(q.kind, [...(byKind.get(q.kind) ?? []), ms])
      }
    }
    times.sort((a, b) => a - b)
    figures.queries = mix.length
    figures.p50_ms = round(percentile(times, 0.5))
    figures.p95_ms = round(percentile(times, 0.95))
    figures.p99_ms = round(percentile(times, 0.99))
    for (const [kind, ms] of byKind) {
      ms.sort((a, b) => a - b)
      log(`  ${kind.padEnd(10)} p50 ${percentile(ms, 0.5).toFixed(1)} ms, p95 ${percentile(ms, 0.95).toFixed(1)} ms`)
    }

    const overlaps: number[] = []
    started = performance.now()
    const exhaustiveTimes: number[] = []
    for (const q of mix) {
      const fast = (await engine.search(q.request)).ranked.map((r) => r.id)
      const t = performance.now()
      const reference = (await engine.exhaustive(q.request)).ranked.map((r) => r.id)
      exhaustiveTimes.push(performance.now() - t)
      const overlap = reference.length === 0 ? 1 : fast.filter((id) => reference.includes(id)).length / reference.length
      overlaps.push(overlap)
      if (overlap < 0.9) log(`  overlap ${overlap.toFixed(2)} for ${q.text}`)
    }
    exhaustiveTimes.sort((a, b) => a - b)
    figures.overlap_at_20 = round(overlaps.reduce((a, b) => a + b, 0) / overlaps.length)
    figures.overlap_at_20_min = round(Math.min(...overlaps))
    figures.exhaustive_p50_ms = round(percentile(exhaustiveTimes, 0.5))
    figures.exhaustive_p95_ms = round(percentile(exhaustiveTimes, 0.95))

    started = performance.now()
    let next = 0
    const total = mix.length * rounds
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < total) await engine.search(mix[next++ % mix.length]!.request)
      }),
    )
    figures.searches_per_s = Math.round(total / ((performance.now() - started) / 1000))
    figures.rss_mb = Math.round(process.memoryUsage().rss / 2 ** 20)
    await db.close()
  } finally {
    await drop()
  }
  return figures
}

interface MixQuery {
  kind: string
  text: string
  request: SearchRequest
}

const atom = (field: Field, text: string): Atom => {
  if (text.endsWith('*')) return { field, tokens: [prefixToken(text.slice(0, -1))!], phrase: false, prefix: true, text }
  if (text.includes(' ')) return { field, tokens: phraseTokens(text), phrase: true, prefix: false, text }
  return { field, tokens: [queryWordToken(text)!], phrase: false, prefix: false, text }
}
const parsed = (groups: Atom[][], more: Partial<ParsedQuery> = {}): ParsedQuery => ({
  groups,
  excluded: [],
  categories: [],
  years: null,
  notes: [],
  ...more,
})
const words = (...ws: string[]) => parsed(ws.map((w) => [atom('all', w)]))

/**
 * The fixed mix: rare and mid words, head words (a third of the catalog), phrases, authors,
 * 3+-character prefixes, and filtered queries; built as the parser hands queries over.
 */
function queryMix(): MixQuery[] {
  const q = (kind: string, text: string, query: ParsedQuery, more: Partial<SearchRequest> = {}): MixQuery => ({
    kind,
    text,
    request: { query, sort: 'relevance', offset: 0, limit: 20, ...more },
  })
  return [
    q('rare', 'graphene', words('graphene')),
    q('rare', 'kagome lattice', words('kagome', 'lattice')),
    q('rare', 'photonic crystal', words('photonic', 'crystal')),
    q('rare', 'schrodinger bridge', words('schrodinger', 'bridge')),
    q('rare', 'zebrafish', words('zebrafish')),
    q('mid', 'diffusion', words('diffusion')),
    q('mid', 'reinforcement learning', words('reinforcement', 'learning')),
    q('head', 'learning', words('learning')),
    q('head', 'model', words('model')),
    q('head', 'language model', words('language', 'model')),
    q('head', 'data method', words('data', 'method')),
    q('head', 'large language model', words('large', 'language', 'model')),
    q('phrase', '"language model"', parsed([[atom('all', 'language model')]])),
    q('phrase', '"neural network"', parsed([[atom('all', 'neural network')]])),
    q('phrase', '"dark matter"', parsed([[atom('all', 'dark matter')]])),
    q('author', 'author:"Yang Liu"', parsed([[atom('author', 'Yang Liu')]])),
    q('author', 'author:wang', parsed([[atom('author', 'wang')]])),
    q('author', 'author:"Hao Wang" learning', parsed([[atom('author', 'Hao Wang')], [atom('all', 'learning')]])),
    q('prefix', 'lan*', parsed([[atom('all', 'lan*')]])),
    q('prefix', 'quant*', parsed([[atom('all', 'quant*')]])),
    q('prefix', 'gra*', parsed([[atom('all', 'gra*')]])),
    q('prefix', 'model tra*', parsed([[atom('all', 'model')], [atom('all', 'tra*')]])),
    q('filtered', 'learning cat:cs.LG', parsed([[atom('all', 'learning')]], { categories: ['cs.lg'] })),
    q('filtered', 'model year:2008', parsed([[atom('all', 'model')]], { years: { from: 2008, until: 2008 } })),
    q('filtered', 'cat:cs.CV (listing)', parsed([], { categories: ['cs.cv'] })),
    q('filtered', 'learning -deep', parsed([[atom('all', 'learning')]], { excluded: [atom('all', 'deep')] })),
    q('filtered', 'graph OR network', parsed([[atom('all', 'graph'), atom('all', 'network')]])),
    q('deep', 'learning page 10', words('learning'), { offset: 180 }),
    q('newest', 'learning newest', words('learning'), { sort: 'newest' }),
  ]
}

/** The benchmark's database: `--keep FILE` keeps (and reuses) a SQLite file between runs. */
async function freshDatabase(kind: string, keep: string | undefined): Promise<ScratchDatabase & { loaded: boolean }> {
  if (kind === 'sqlite' && keep) return { url: `sqlite:${keep}`, drop: async () => {}, loaded: existsSync(keep) }
  return { ...(await scratchDatabase(kind, 'search-bench')), loaded: false }
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0
}

function round(x: number): number {
  return Number(x.toFixed(2))
}

function log(message: string) {
  process.stderr.write(`${message}\n`)
}
