// `npm run bench -- relevance [--db sqlite|postgres|both] [--queries 1000] [--seed 1] [--meaning off|fill|fuse|all]`
// Loads the 59,859 real papers of ../shared/data/arxiv-listings through the catalog's write path
// into a fresh database, builds the known-item query set (bench/relevance/queries.ts) and reports
// MRR, success@3, success@10 and recall@10 per query kind, from searchPapers with parseQuery as
// the search page runs them. With --meaning all (the default), every query runs in each of the
// modes of search/vectors/meaning-search.ts: lexical alone (off), filled by meaning (fill, the
// default of the site) and fused with the vectors' ranking (fuse); the vectors are trained first.
import { join } from 'node:path'
import { migrateToLatest } from '../src/migrations.js'
import { upsertPapers } from '../src/papers/upsert.js'
import { connect, type Db } from '../src/platform/db/connect.js'
import { parseQuery } from '../src/search/query.js'
import { searchPapers } from '../src/search/service.js'
import type { MeaningMode } from '../src/search/vectors/meaning-search.js'
import { rebuildVectors } from '../src/search/vectors/rebuild.js'
import { readListings } from './relevance/listings.js'
import { summarize } from './relevance/metrics.js'
import { buildQuerySet, QUERY_KINDS, type RelevanceQuery } from './relevance/queries.js'
import { scratchDatabase } from './scratch.js'
import { timeSimilarPapers } from './similar-timing.js'
import type { Benchmark, Figures } from './run.js'

/** Known-item metrics look at the first page: MRR is MRR@10. */
const PAGE = 10
const BATCH = 2000
/** Papers whose similar papers are timed, drawn evenly. */
const SIMILAR_SAMPLE = 200
const MEANING_MODES: readonly MeaningMode[] = ['off', 'fill', 'fuse']

export const run: Benchmark = async (options) => {
  const perKind = Number(options.queries ?? 1000)
  const seed = Number(options.seed ?? 1)
  const db = options.db ?? 'sqlite'
  const databases = db === 'both' ? ['sqlite', 'postgres'] : [db]
  const meaning = options.meaning ?? 'all'
  const modes = meaning === 'all' ? MEANING_MODES : MEANING_MODES.filter((m) => m === meaning)
  if (modes.length === 0) throw new Error(`--meaning takes ${MEANING_MODES.join(', ')} or all`)

  const records = await readListings()
  const queries = buildQuerySet(
    records.map((r) => ({ id: r.id, title: r.title, abstract: r.abstract ?? '', authors: r.authors ?? [] })),
    perKind,
    seed,
  )
  log(`${records.length} papers, ${queries.length} queries`)
  const figures: Figures = { papers: records.length, queries_per_kind: perKind, seed }
  for (const database of databases) {
    const { db, drop } = await freshDatabase(database)
    try {
      let started = performance.now()
      for (let i = 0; i < records.length; i += BATCH) {
        await upsertPapers(db, records.slice(i, i + BATCH))
        progress(`loading ${database}`, i + BATCH, records.length)
      }
      figures[`${database}_load_s`] = seconds(started)
      if (modes.some((m) => m !== 'off')) {
        started = performance.now()
        await rebuildVectors(db, (done, total) => progress('vectors', done, total))
        figures[`${database}_vectors_s`] = seconds(started)
        const step = Math.floor(records.length / SIMILAR_SAMPLE)
        const sample = Array.from({ length: SIMILAR_SAMPLE }, (_, i) => records[i * step]!).map((r) => ({
          id: r.id,
          title: r.title,
          abstract: r.abstract ?? '',
        }))
        const similar = await timeSimilarPapers(db, sample)
        log(`similar papers: p50 ${similar.p50} ms, p95 ${similar.p95} ms`)
        figures[`${database}_similar_p50_ms`] = similar.p50
        figures[`${database}_similar_p95_ms`] = similar.p95
      }
      for (const mode of modes) {
        const label = `${database}_${mode === 'off' ? 'lexical' : mode}`
        started = performance.now()
        const results = await runQueries(db, queries, mode, label)
        figures[`${label}_ms_per_query`] = Number(((performance.now() - started) / queries.length).toFixed(2))
        for (const kind of QUERY_KINDS) {
          const summary = summarize(results.filter((r) => r.query.kind === kind))
          for (const [name, value] of Object.entries(summary)) {
            if (name !== 'queries') figures[`${label}_${kind}_${name}`] = value
          }
        }
        log(`${label}: ${QUERY_KINDS.map((k) => `${k} ${figures[`${label}_${k}_mrr`]}`).join(', ')}`)
      }
    } finally {
      await drop()
    }
  }
  return figures
}

async function runQueries(db: Db, queries: readonly RelevanceQuery[], meaning: MeaningMode, label: string) {
  const out: { query: RelevanceQuery; ranked: string[]; relevant: Set<string> }[] = []
  let failures = 0
  for (const [i, query] of queries.entries()) {
    let ranked: string[] = []
    try {
      const page = await searchPapers(
        db,
        { query: parseQuery(query.text), sort: 'relevance', offset: 0, limit: PAGE },
        { meaning },
      )
      ranked = page.hits.map((h) => h.paper.id)
    } catch (error) {
      // A failing search counts as a miss; the first one is shown, so a broken engine is obvious.
      if (failures++ === 0) log(`${label}: “${query.text}” failed: ${(error as Error).message}`)
    }
    out.push({ query, ranked, relevant: new Set(query.relevant) })
    if (i % 200 === 0) progress(label, i, queries.length)
  }
  if (failures > 0) log(`${label}: ${failures} searches failed`)
  return out
}

async function freshDatabase(kind: string): Promise<{ db: Db; drop: () => Promise<void> }> {
  const scratch = await scratchDatabase(kind, 'relevance')
  const db = connect(scratch.url)
  await migrateToLatest(db)
  return {
    db,
    drop: async () => {
      await db.close()
      await scratch.drop()
    },
  }
}

function seconds(started: number): number {
  return Number(((performance.now() - started) / 1000).toFixed(1))
}

function progress(label: string, done: number, total: number) {
  if (process.stderr.isTTY) process.stderr.write(`\r${label}: ${Math.min(done, total)} / ${total}   `)
}

function log(message: string) {
  process.stderr.write(`${process.stderr.isTTY ? '\n' : ''}${message}\n`)
}
