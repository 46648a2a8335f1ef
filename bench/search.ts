// `npm run bench -- search [--n 100000] [--db sqlite|postgres] [--seed 1] [--rounds 5] [--keep path] [--reuse-index]
//   [--duration 15] [--clients 16] [--page-rate 20] [--workers N] [--similar off] [--load-generator fetch]`
// Loads the synthetic corpus (bench/corpus.ts) through the snapshot ingest, rebuilds the search
// index (index_build_s), then runs a fixed mix of queries on one connection in this process:
// latency percentiles and the overlap of each top 20 with the engine's own exhaustive ranking;
// then similar papers for 100 papers (similar_p50_ms, similar_p95_ms; `--similar off` skips them
// and the model of meaning they need, which a database without one trains and embeds first).
// Then it serves the database from the real app in a child process (bench/search-server.ts) and
// measures, through HTTP: searches per second with `--clients` connections running the mix through
// /api/v1/search (wrk where installed, else fetch loops in this process: load_generator), and the
// latency of paper pages asked about `--page-rate` times a second meanwhile (page_p99_ms; from wrk
// too, else fetch); on SQLite once with `--workers` search threads (SEARCH_WORKERS, as serve runs)
// and once with searches on the server's own connection (in_thread_*).
// `--keep path` keeps the loaded SQLite file there and reuses it on the next run; with
// `--reuse-index` such a run skips the rebuild (the ingest wrote the index; lists are made lazily
// in the untimed warm-up, reported as warmup_s).
import { execFile, spawn } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { open } from 'node:fs/promises'
import { promisify } from 'node:util'
import { sql } from 'kysely'
import { createApiToken } from '../src/community/accounts/api-tokens.js'
import { createUser } from '../src/community/accounts/store.js'
import { connect, type Db } from '../src/platform/db/connect.js'
import { migrateToLatest } from '../src/migrations.js'
import { searchEngine } from '../src/search/engine.js'
import { defaultSearchWorkers } from '../src/search/settings.js'
import type { PaperContent } from '../src/search/similar.js'
import { readModel } from '../src/search/vectors/store.js'
import { rebuildVectors } from '../src/search/vectors/rebuild.js'
import type { Atom, Field, ParsedQuery, SearchRequest } from '../src/search/model.js'
import { phraseTokens, prefixToken, queryWordToken } from '../src/search/normalize.js'
import { corpusFile, type ScratchDatabase, scratchDatabase } from './scratch.js'
import { timeSimilarPapers } from './similar-timing.js'
import type { Benchmark, Figures } from './run.js'
import { runWrk, wrkPath } from './wrk.js'

const run_ = promisify(execFile)
/** Searches in flight at once for the single-connection throughput figure. */
const CONCURRENCY = 8
const PORT = 3918
/** Seconds of the served load run untimed before the timed run (wrk). */
const WARM_UP_S = 5
/** Papers whose similar papers are timed. */
const SIMILAR_SAMPLE = 100

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
      const { stdout } = await run_(process.execPath, ['bench/ingest-worker.mjs', url, file], {
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
    figures.single_connection_searches_per_s = Math.round(total / ((performance.now() - started) / 1000))
    figures.rss_mb = Math.round(process.memoryUsage().rss / 2 ** 20)
    if (options.similar !== 'off') Object.assign(figures, await similarFigures(db))

    const load: ServedLoad = {
      url,
      mix,
      token: await benchToken(db),
      pageIds: await randomIds(db),
      seconds: Number(options.duration ?? 15),
      clients: Number(options.clients ?? 16),
      pageRate: Number(options['page-rate'] ?? 20),
      // `--load-generator fetch` measures as the benchmark did before it used wrk, for comparison.
      generator: wrkPath && options['load-generator'] !== 'fetch' ? 'wrk' : 'fetch',
    }
    await db.close()
    if (database === 'sqlite') figures.file_read_s = await readThrough(url.slice('sqlite:'.length))
    const workers = database === 'sqlite' ? Number(options.workers ?? defaultSearchWorkers()) : 0
    figures.load_generator = load.generator
    const served = await servedFigures(load, workers)
    Object.assign(figures, { search_workers: workers, ...served })
    log(
      `served (${workers} search workers): ${served.searches_per_s} searches/s, p95 ${served.served_p95_ms} ms; ` +
        `paper page p99 ${served.page_p99_ms} ms; ${served.server_cpu_ms_per_search} ms CPU a search; ` +
        `server peak RSS ${served.server_rss_mb} MB`,
    )
    if (workers > 0) {
      const inThread = await servedFigures(load, 0)
      for (const [k, v] of Object.entries(inThread)) figures[`in_thread_${k}`] = v
      log(
        `served (searches on the server's connection): ${inThread.searches_per_s} searches/s, ` +
          `p95 ${inThread.served_p95_ms} ms; paper page p99 ${inThread.page_p99_ms} ms; ` +
          `${inThread.server_cpu_ms_per_search} ms CPU a search`,
      )
    }
  } finally {
    await drop()
  }
  return figures
}

interface MixQuery {
  kind: string
  text: string
  request: SearchRequest
  /** The same search as /api/v1/search's parameters. */
  params: string
}

interface ServedLoad {
  url: string
  mix: MixQuery[]
  /** A member's token: /api/v1 answers signed-in readers without the response cache. */
  token: string
  /** Papers whose pages are asked, each once: the page cache never answers them. */
  pageIds: string[]
  seconds: number
  clients: number
  pageRate: number
  generator: 'wrk' | 'fetch'
}

/**
 * The app in a child process serving the database, loaded with the mix through HTTP while paper
 * pages are asked at a steady rate: searches/s, their latency, the pages' latency, and the
 * server's CPU time per search and peak RSS.
 */
async function servedFigures(load: ServedLoad, workers: number): Promise<Figures> {
  const server = spawn(process.execPath, ['--import', 'tsx', 'bench/search-server.ts'], {
    env: {
      ...process.env,
      DATABASE_URL: load.url,
      PORT: String(PORT),
      NODE_ENV: 'production',
      SEARCH_WORKERS: String(workers),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  try {
    await new Promise<void>((resolve, reject) => {
      server.stdout.once('data', () => resolve())
      server.once('exit', (code) => reject(new Error(`the search server exited with ${code}`)))
    })
    const base = `http://127.0.0.1:${PORT}`
    const headers = { authorization: `Bearer ${load.token}` }
    const ask = async (q: MixQuery) => {
      const response = await fetch(`${base}/api/v1/search?${q.params}`, { headers })
      await response.arrayBuffer()
      return response.status === 200
    }
    // Warm-up, untimed: every worker reads the lists and member sets it needs and the JIT settles.
    // Two rounds of the mix may send a query to one worker only, which then read the other's sets
    // (up to ~0.8 s each at 2.7M papers) inside the timed window: WARM_UP_S of the load makes sure.
    // Papers are asked meanwhile as in the timed run, other ones: rendering a page is warm too.
    for (let round = 0; round < 2; round++) await Promise.all(load.mix.map(ask))
    const pageIds = [...load.pageIds]
    const idsFor = (seconds: number) => pageIds.splice(0, Math.ceil(seconds * load.pageRate * 2))
    if (load.generator === 'wrk') {
      await Promise.all([
        wrkSearches(base, { ...load, seconds: WARM_UP_S }),
        wrkPages(base, { ...load, seconds: WARM_UP_S }, idsFor(WARM_UP_S)),
      ])
    }
    const pid = server.pid!
    const cpuBefore = cpuMs(pid)
    const mainBefore = cpuMs(pid, pid)
    const [searches, pages] =
      load.generator === 'wrk'
        ? await Promise.all([wrkSearches(base, load), wrkPages(base, load, idsFor(load.seconds))])
        : await fetchLoad(base, load, idsFor(load.seconds), ask)
    const cpu = cpuMs(pid) - cpuBefore
    const main = cpuMs(pid, pid) - mainBefore
    return {
      searches_per_s: Math.round(searches.perSecond),
      served_p50_ms: searches.p50,
      served_p95_ms: searches.p95,
      page_p50_ms: pages.p50,
      page_p99_ms: pages.p99,
      pages: pages.count,
      page_rate: round(pages.count / load.seconds),
      errors: searches.errors + pages.errors,
      server_cpu_ms_per_search: round(cpu / searches.count),
      // The event loop's share: HTTP, the token, loading and highlighting the page's papers, the pages.
      server_main_thread_cpu_ms_per_search: round(main / searches.count),
      server_rss_mb: peakRssMb(pid),
    }
  } finally {
    const exited = new Promise((resolve) => server.once('exit', resolve))
    if (server.exitCode === null && server.kill()) await exited
  }
}

interface ServedSearches {
  count: number
  perSecond: number
  p50: number
  p95: number
  errors: number
}

/**
 * The mix through /api/v1/search from `load.clients` connections of wrk, in turn, for
 * `load.seconds`: a client in C leaves the cores to the server (docs/decisions/0017-load-generator.md).
 */
async function wrkSearches(base: string, load: ServedLoad): Promise<ServedSearches> {
  const paths = load.mix.map((q) => JSON.stringify(`/api/v1/search?${q.params}`)).join(', ')
  const result = await runWrk({
    url: base,
    connections: load.clients,
    duration: load.seconds,
    headers: { authorization: `Bearer ${load.token}` },
    lua: `local paths = {${paths}}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end`,
  })
  return { count: result.requests, perSecond: result.rps, p50: result.p50, p95: result.p95, errors: result.errors }
}

interface ServedPages {
  count: number
  p50: number
  p99: number
  errors: number
}

/**
 * Paper pages from one connection of wrk, each paper once (the response cache keeps a page from
 * its second reading), each asked 90 % of the interval after the last one's answer: ~`pageRate` a
 * second while a page takes a few milliseconds (`page_rate` says how many were). Compressed, as a
 * browser asks for them. From a client in C, as the searches are: from `fetch` in this process, a
 * page's own latency measured half again as much idle, and the more under load (decision 0017).
 */
async function wrkPages(base: string, load: ServedLoad, ids: string[]): Promise<ServedPages> {
  const result = await runWrk({
    url: base,
    connections: 1,
    duration: load.seconds,
    headers: { 'accept-encoding': 'br, gzip' },
    lua: `local ids = {${ids.map((id) => JSON.stringify(id)).join(', ')}}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", "/papers/" .. ids[((i - 1) % #ids) + 1])
end
delay = function() return ${Math.round(900 / load.pageRate)} end`,
  })
  return { count: result.requests, p50: result.p50, p99: result.p99, errors: result.errors }
}

/**
 * Where wrk is not installed: the searches from `load.clients` fetch loops in this process, and the
 * paper pages asked `load.pageRate` times a second by `fetch` meanwhile.
 */
async function fetchLoad(
  base: string,
  load: ServedLoad,
  ids: string[],
  ask: (q: MixQuery) => Promise<boolean>,
): Promise<[ServedSearches, ServedPages]> {
  const times: number[] = []
  const pages: Promise<void>[] = []
  let errors = 0
  const pacer = setInterval(() => {
    const id = ids.pop()
    if (!id) return
    const t = performance.now()
    pages.push(
      fetch(`${base}/papers/${id}`).then(async (response) => {
        await response.arrayBuffer()
        times.push(performance.now() - t)
        if (response.status !== 200) errors++
      }),
    )
  }, 1000 / load.pageRate)
  const searches = await fetchSearches(load, ask)
  clearInterval(pacer)
  await Promise.all(pages)
  times.sort((a, b) => a - b)
  const served = {
    count: times.length,
    p50: round(percentile(times, 0.5)),
    p99: round(percentile(times, 0.99)),
    errors,
  }
  return [searches, served]
}

/** The searches from `load.clients` fetch loops in this process. */
async function fetchSearches(load: ServedLoad, ask: (q: MixQuery) => Promise<boolean>): Promise<ServedSearches> {
  const times: number[] = []
  let errors = 0
  let next = 0
  const started = performance.now()
  const until = started + load.seconds * 1000
  await Promise.all(
    Array.from({ length: load.clients }, async () => {
      while (performance.now() < until) {
        const t = performance.now()
        if (!(await ask(load.mix[next++ % load.mix.length]!))) errors++
        times.push(performance.now() - t)
      }
    }),
  )
  const elapsed = (performance.now() - started) / 1000
  times.sort((a, b) => a - b)
  return {
    count: times.length,
    perSecond: times.length / elapsed,
    p50: round(percentile(times, 0.5)),
    p95: round(percentile(times, 0.95)),
    errors,
  }
}

/**
 * Similar papers for SIMILAR_SAMPLE papers drawn evenly by rowid, each computed afresh, as a paper
 * page asks them. They need the model of meaning: trained and every paper embedded first when the
 * database has none (`paperboy reindex --vectors`; kept with `--keep`). From then on the served
 * paper pages ask similar papers too, as a served catalog's do.
 */
async function similarFigures(db: Db): Promise<Figures> {
  const figures: Figures = {}
  if (!(await readModel(db))) {
    log('training the model of meaning and embedding every paper (once per kept database)…')
    const started = performance.now()
    let last = 0
    await rebuildVectors(db, (done, total) => {
      if (performance.now() - last > 30_000) {
        last = performance.now()
        log(`vectors: ${done} of ${total}`)
      }
    })
    figures.vectors_build_s = Number(((performance.now() - started) / 1000).toFixed(1))
  }
  const { rows: range } = await sql<{ lo: number; hi: number }>`
    select min(rowid) as lo, max(rowid) as hi from papers`.execute(db.kysely)
  const { lo, hi } = range[0]!
  const sample: PaperContent[] = []
  for (let i = 0; i < SIMILAR_SAMPLE; i++) {
    const at = Math.round(lo + ((hi - lo) * i) / SIMILAR_SAMPLE)
    const { rows } = await sql<PaperContent>`select id, title, abstract from papers
      where rowid >= ${at} order by rowid limit 1`.execute(db.kysely)
    if (rows[0]) sample.push({ ...rows[0], abstract: rows[0].abstract ?? '' })
  }
  const similar = await timeSimilarPapers(db, sample)
  log(`similar papers: p50 ${similar.p50} ms, p95 ${similar.p95} ms`)
  return { ...figures, similar_p50_ms: similar.p50, similar_p95_ms: similar.p95 }
}

/** A member and a token of theirs, made for this run. */
async function benchToken(db: Db): Promise<string> {
  const now = new Date().toISOString()
  const name = `bench${Date.now()}`
  const user = await createUser(
    db,
    { username: name, displayName: name, email: `${name}@example.org`, passwordHash: 'none', verifiedAt: now },
    now,
  )
  return (await createApiToken(db, user!.id, 'bench search', now)).token
}

async function randomIds(db: Db): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`select id from papers order by random() limit 5000`.execute(db.kysely)
  return rows.map((r) => r.id)
}

/**
 * CPU time (user + system) a process has used, or with `thread`, one of its threads (the main
 * thread's id is the process's), from /proc (Linux; 0 elsewhere).
 */
function cpuMs(pid: number, thread?: number): number {
  try {
    const fields = readFileSync(thread ? `/proc/${pid}/task/${thread}/stat` : `/proc/${pid}/stat`, 'utf8')
      .split(') ')[1]!
      .split(' ')
    // utime and stime, fields 14 and 15 of stat, in clock ticks of 10 ms.
    return (Number(fields[11]) + Number(fields[12])) * 10
  } catch {
    return 0
  }
}

/** A process's peak resident set (VmHWM), in MB (Linux; 0 elsewhere). */
function peakRssMb(pid: number): number {
  try {
    const kb = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]
    return Math.round(Number(kb ?? 0) / 1024)
  } catch {
    return 0
  }
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
export function queryMix(): MixQuery[] {
  const q = (
    kind: string,
    text: string,
    query: ParsedQuery,
    more: Partial<SearchRequest> = {},
    params = `q=${encodeURIComponent(text)}`,
  ): MixQuery => ({
    kind,
    text,
    request: { query, sort: 'relevance', offset: 0, limit: 20, ...more },
    params,
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
    q('filtered', 'cat:cs.CV (listing)', parsed([], { categories: ['cs.cv'] }), {}, 'q=cat%3Acs.CV'),
    q('filtered', 'learning -deep', parsed([[atom('all', 'learning')]], { excluded: [atom('all', 'deep')] })),
    q('filtered', 'graph OR network', parsed([[atom('all', 'graph'), atom('all', 'network')]])),
    q('deep', 'learning page 10', words('learning'), { offset: 180 }, 'q=learning&page=10'),
    q('newest', 'learning newest', words('learning'), { sort: 'newest' }, 'q=learning&sort=newest'),
  ]
}

/** The benchmark's database: `--keep FILE` keeps (and reuses) a SQLite file between runs. */
async function freshDatabase(kind: string, keep: string | undefined): Promise<ScratchDatabase & { loaded: boolean }> {
  if (kind === 'sqlite' && keep) return { url: `sqlite:${keep}`, drop: async () => {}, loaded: existsSync(keep) }
  return { ...(await scratchDatabase(kind, 'search-bench')), loaded: false }
}

/**
 * Reads the database file through once, so that the served figures measure a server whose
 * catalog is in the OS's page cache, as a served catalog that fits in memory is, and not this
 * machine's disk: a 10.4 GB file (2.7M papers) left partly on disk by the import put the paper
 * page's p50 at 7–8 ms where it is 4–5 ms cached, each page waiting on the reads it missed.
 */
async function readThrough(path: string): Promise<number> {
  const started = performance.now()
  const file = await open(path, 'r')
  try {
    const buffer = Buffer.allocUnsafe(8 << 20)
    let read = buffer.length
    while (read > 0) read = (await file.read(buffer, 0, buffer.length)).bytesRead
  } finally {
    await file.close()
  }
  const seconds = Number(((performance.now() - started) / 1000).toFixed(1))
  log(`read the database file through in ${seconds} s (into the OS's page cache)`)
  return seconds
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
