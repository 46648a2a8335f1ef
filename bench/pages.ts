// `npm run bench -- pages [--duration 10] [--connections 50]`
// 1. Imports the recorded Hugging Face days (../shared/data/hf-daily-papers) into a fresh SQLite
//    database: items/s.
// 2. Serves that database from a child process and loads, with wrk (or autocannon), the day page of the
//    busiest recorded day, the page of that day's first paper (one paper read by many), three API
//    listings (the default daily list, the busiest recorded month at 100 items, the first 100 papers)
//    and a bare Hono route on the same server: requests/s and p99 of each, and its share of the bare
//    route's requests/s.
import { spawn } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import autocannon from 'autocannon'
import { importCompiled } from './compiled.js'
import type { Benchmark } from './run.js'
import { runWrk, wrkPath } from './wrk.js'

// Compiled, as `paperboy import` runs it: the import's parsing thread starts in milliseconds
// instead of registering tsx first.
const { importHfDaily } =
  await importCompiled<typeof import('../src/papers/huggingface/import.js')>('papers/huggingface/import.js')
const { connect } = await importCompiled<typeof import('../src/platform/db/connect.js')>('platform/db/connect.js')
const { migrateToLatest } = await importCompiled<typeof import('../src/migrations.js')>('migrations.js')

const HF_DIR = new URL('../../shared/data/hf-daily-papers/', import.meta.url).pathname
const PORT = 3917

export const run: Benchmark = async (options) => {
  const duration = Number(options.duration ?? 10)
  const connections = Number(options.connections ?? 50)
  const dir = mkdtempSync(join(tmpdir(), 'paperboy-bench-'))
  const url = `sqlite:${join(dir, 'bench.db')}`
  try {
    const db = connect(url)
    await migrateToLatest(db)
    const started = performance.now()
    const report = await importHfDaily(db, HF_DIR)
    const importSeconds = (performance.now() - started) / 1000
    await db.close()
    const importRate = report.items / importSeconds
    log(`import: ${report.items} items in ${importSeconds.toFixed(2)} s = ${importRate.toFixed(0)} items/s`)

    const { day, month } = busiest()
    const apis: Record<string, string> = {
      daily_papers: '/api/daily_papers',
      daily_papers_month: `/api/daily_papers?month=${month.month}&limit=100`,
      papers: '/api/papers?limit=100',
    }
    const server = spawn(process.execPath, ['--import', 'tsx', 'bench/pages-server.ts'], {
      env: { ...process.env, DATABASE_URL: url, PORT: String(PORT), NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    await new Promise<void>((resolve, reject) => {
      server.stdout.once('data', () => resolve())
      server.once('exit', (code) => reject(new Error(`server exited with ${code}`)))
    })
    try {
      const load = (path: string) => cannon(`http://127.0.0.1:${PORT}${path}`, connections, duration)
      await load('/__bare') // warm-up: JIT and statement caches
      await load(`/papers/date/${day.date}`)
      const bare = await load('/__bare')
      const page = await load(`/papers/date/${day.date}`)
      log(`bare route: ${bare.rps.toFixed(0)} req/s, p99 ${bare.p99} ms`)
      log(`day page ${day.date} (${day.items} papers): ${page.rps.toFixed(0)} req/s, p99 ${page.p99} ms`)
      const paper = await load(`/papers/${day.first}`)
      log(`paper page ${day.first}: ${paper.rps.toFixed(0)} req/s, p99 ${paper.p99} ms`)
      const figures: Record<string, number> = {}
      for (const [name, path] of Object.entries(apis)) {
        const api = await load(path)
        log(`${path}: ${api.rps.toFixed(0)} req/s, p99 ${api.p99} ms, ${api.errors} errors`)
        figures[`api_${name}_rps`] = Math.round(api.rps)
        figures[`api_${name}_p99_ms`] = api.p99
        figures[`api_${name}_errors`] = api.errors
        figures[`api_${name}_share_of_bare`] = Number((api.rps / bare.rps).toFixed(3))
      }
      return {
        database: 'sqlite',
        load_generator: loadGenerator,
        import_items: report.items,
        import_items_per_s: Math.round(importRate),
        day: day.date,
        day_papers: day.items,
        connections,
        duration_s: duration,
        day_page_rps: Math.round(page.rps),
        day_page_p99_ms: page.p99,
        day_page_errors: page.errors,
        bare_route_rps: Math.round(bare.rps),
        bare_route_p99_ms: bare.p99,
        day_page_share_of_bare: Number((page.rps / bare.rps).toFixed(3)),
        paper: day.first,
        paper_page_rps: Math.round(paper.rps),
        paper_page_p99_ms: paper.p99,
        paper_page_errors: paper.errors,
        paper_page_share_of_bare: Number((paper.rps / bare.rps).toFixed(3)),
        month: month.month,
        month_papers: month.items,
        ...figures,
      }
    } finally {
      server.kill()
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

// Every browser asks for compressed pages; the cache serves them compressed.
const ACCEPT_ENCODING = 'gzip, deflate, br'

/**
 * Loads `url` with wrk when it is installed (Debian's `wrk`), else autocannon. The client runs on
 * the same two cores as the server, and autocannon, JavaScript itself, spends more CPU parsing a
 * 45 KB API response than the server spends sending it: it measured itself at 1,500 requests/s
 * where wrk, in C, measured the same server at 6,800 (docs/decisions/0017-load-generator.md).
 */
async function cannon(url: string, connections: number, duration: number): Promise<Load> {
  if (wrkPath) {
    const result = await runWrk({ url, connections, duration, headers: { 'Accept-Encoding': ACCEPT_ENCODING } })
    return { rps: result.rps, p99: result.p99, errors: result.errors }
  }
  const result = await autocannon({ url, connections, duration, headers: { 'accept-encoding': ACCEPT_ENCODING } })
  return { rps: result.requests.average, p99: result.latency.p99, errors: result.errors + result.non2xx }
}

interface Load {
  rps: number
  p99: number
  errors: number
}

export const loadGenerator = wrkPath ? 'wrk' : 'autocannon'

/** The recorded day and month with the most featured papers. */
function busiest() {
  let day = { date: '', items: 0, first: '' }
  const months = new Map<string, number>()
  for (const name of readdirSync(HF_DIR).filter((n) => n.endsWith('.json'))) {
    const list = JSON.parse(readFileSync(join(HF_DIR, name), 'utf8')) as { paper: { id: string } }[]
    if (list.length > day.items) day = { date: name.slice(0, 10), items: list.length, first: list[0]!.paper.id }
    months.set(name.slice(0, 7), (months.get(name.slice(0, 7)) ?? 0) + list.length)
  }
  const [month, items] = [...months].reduce((a, b) => (b[1] > a[1] ? b : a))
  return { day, month: { month, items } }
}

function log(message: string) {
  process.stderr.write(`${message}\n`)
}
