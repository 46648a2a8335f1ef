// `npm run bench -- alerts [--n 100000] [--papers 1000] [--db sqlite|postgres]`
// Alerts at scale: n follows (authors, categories and saved searches drawn from the generated
// corpus's real names, categories and title words, so that many match) and one day's ingest of
// `papers` new papers. Figures: the matcher alone (index the follows, match the day: `match_s`),
// the whole instant batch through the database (read follows and papers, match, skip what was
// sent, queue emails: `batch_s`, in a process of its own), and peak RSS, the kernel's high-water
// mark: `peak_rss_mb` is the larger of the batch's process and the benchmark's own.
import { execFile } from 'node:child_process'
import { createReadStream } from 'node:fs'
import { createInterface } from 'node:readline'
import { promisify } from 'node:util'
import { buildMatcher, type FollowToMatch } from '../src/follows/match.js'
import type { FollowKind, FollowTables } from '../src/follows/schema.js'
import { parseSnapshotLine } from '../src/ingest/parse/arxiv-snapshot.js'
import { migrateToLatest } from '../src/migrations.js'
import type { Paper, PaperRecord } from '../src/papers/model.js'
import { upsertPapers } from '../src/papers/upsert.js'
import { connect, type Db } from '../src/platform/db/connect.js'
import { peakRssMb } from './peak-rss.js'
import type { Figures } from './run.js'
import { aPaper } from '../test/support/paper.js'
import { corpusFile, scratchDatabase } from './scratch.js'

const PAST = 10_000 // papers the follows are drawn from
const MEMBERS = 20_000
const SEED = 7
const ROWS_PER_INSERT = 500

const execFileAsync = promisify(execFile)

export async function run(options: Record<string, string>): Promise<Figures> {
  const n = Number(options.n ?? 100_000)
  const dayPapers = Number(options.papers ?? 1000)
  const kind = options.db ?? 'sqlite'
  const records = await readCorpus(await corpusFile(PAST + dayPapers, SEED, log))
  const past = records.slice(0, PAST)
  const today = records.slice(PAST).map(freshen)
  const follows = drawFollows(past, n)
  log(`${follows.length} follows, ${today.length} new papers`)

  const scratch = await scratchDatabase(kind, 'alerts')
  const db = connect(scratch.url)
  try {
    const matched = matchDay(follows, today, log)
    await migrateToLatest(db)
    await storeFollows(db, follows)
    await upsertPapers(db, today)
    const batch = await runBatch(scratch.url)
    log(`instant batch: ${batch.alerts} alerts, ${batch.emails} emails queued in ${batch.seconds.toFixed(2)} s`)
    const benchPeak = peakRssMb()
    log(
      `peak RSS: the batch's process ${batch.peak_rss_mb} MB, the benchmark's (corpus, follows, matcher) ${benchPeak} MB`,
    )
    return {
      database: kind,
      n,
      papers: today.length,
      ...matched,
      batch_s: Number(batch.seconds.toFixed(2)),
      batch_cpu_s: Number(batch.cpu_seconds.toFixed(2)),
      emails_queued: batch.emails,
      peak_rss_mb: Math.max(batch.peak_rss_mb, benchPeak),
      batch_peak_rss_mb: batch.peak_rss_mb,
      bench_peak_rss_mb: benchPeak,
    }
  } finally {
    await db.close()
    await scratch.drop()
  }
}

/** The instant batch through the database, in a process of its own (bench/alerts-worker.mjs). */
async function runBatch(url: string) {
  const { stdout } = await execFileAsync(process.execPath, ['bench/alerts-worker.mjs', url], {
    maxBuffer: 1 << 20,
  })
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as {
    alerts: number
    emails: number
    seconds: number
    cpu_seconds: number
    peak_rss_mb: number
  }
}

/** The matcher alone, in a function of its own so that its results are garbage before the batch runs. */
function matchDay(follows: FollowToMatch[], today: PaperRecord[], log: (message: string) => void) {
  const started = performance.now()
  const cpu = process.cpuUsage()
  const matcher = buildMatcher(follows, new Date().toISOString().slice(0, 10))
  log(`indexed the follows in ${((performance.now() - started) / 1000).toFixed(2)} s`)
  const matches = matcher.match(today.map(asPaper))
  const seconds = (performance.now() - started) / 1000
  // CPU time as well as wall time: on a loaded machine the wall clock mostly measures the others.
  const { user, system } = process.cpuUsage(cpu)
  const pairs = [...matches.values()].reduce((sum, list) => sum + list.length, 0)
  log(`matcher: ${matches.size} follows matched ${pairs} papers in ${seconds.toFixed(2)} s`)
  return {
    follows_matched: matches.size,
    matches: pairs,
    unreadable_follows: matcher.unreadable.length,
    match_s: Number(seconds.toFixed(2)),
    match_cpu_s: Number(((user + system) / 1e6).toFixed(2)),
  }
}

async function readCorpus(file: string): Promise<PaperRecord[]> {
  const out: PaperRecord[] = []
  let line = 0
  for await (const text of createInterface({ input: createReadStream(file) })) {
    const parsed = parseSnapshotLine(text, ++line)
    if ('record' in parsed) out.push(parsed.record)
  }
  return out
}

/** Today's papers are new: dated now, version 1. */
function freshen(r: PaperRecord): PaperRecord {
  const now = new Date().toISOString()
  return { ...r, publishedAt: now, updatedAt: now, version: 1, versions: [{ version: 1, createdAt: now }] }
}

function asPaper(r: PaperRecord): Paper {
  return aPaper({
    id: r.id,
    version: 1,
    title: r.title,
    abstract: r.abstract ?? '',
    publishedAt: r.publishedAt ?? null,
    categories: r.categories ?? [],
    authors: (r.authors ?? []).map((name) => ({ name, hidden: false })),
  })
}

/**
 * A member's follows as they come: 40% authors (one in four narrowed by a co-author or a
 * category), 25% categories, 35% saved searches of one to three title words, some with a
 * phrase, a prefix, an excluded word or a category filter. Deterministic for the seed.
 */
function drawFollows(past: PaperRecord[], n: number): FollowToMatch[] {
  let state = SEED
  const random = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!
  const words = (title: string) => title.split(/\s+/).filter((w) => /^[A-Za-z]{4,}$/.test(w))
  const follows: FollowToMatch[] = []
  for (let id = 1; follows.length < n; id++) {
    const paper = pick(past)
    const roll = random()
    let kind: FollowKind
    let target: string
    let qualifiers: string[] = []
    if (roll < 0.4 && paper.authors?.length) {
      kind = 'author'
      target = pick(paper.authors)
      if (random() < 0.25) qualifiers = [random() < 0.5 ? pick(paper.authors) : pick(paper.categories ?? ['cs.LG'])]
    } else if (roll < 0.65) {
      kind = 'category'
      target = pick(paper.categories ?? ['cs.LG'])
    } else {
      const ws = words(paper.title)
      if (ws.length === 0) continue
      kind = 'search'
      const count = 1 + Math.floor(random() * 3)
      const chosen = Array.from({ length: count }, () => pick(ws))
      const style = random()
      const q =
        style < 0.15
          ? `"${ws.slice(0, 2).join(' ')}"`
          : style < 0.25
            ? `${chosen[0]!.slice(0, 4)}*`
            : style < 0.35
              ? `${chosen.join(' ')} -${pick(words(pick(past).title)) ?? 'survey'}`
              : chosen.join(' ')
      const params = new URLSearchParams({ q })
      if (random() < 0.2 && paper.categories?.[0]) params.set('category', paper.categories[0])
      target = params.toString()
    }
    follows.push({ id, kind, target, qualifiers: JSON.stringify(qualifiers) })
  }
  return follows
}

/** The follows into the database, owned by MEMBERS members, every one with instant alerts by email. */
async function storeFollows(db: Db, follows: FollowToMatch[]): Promise<void> {
  const now = new Date().toISOString()
  for (let i = 0; i < MEMBERS; i += ROWS_PER_INSERT) {
    const rows = Array.from({ length: Math.min(ROWS_PER_INSERT, MEMBERS - i) }, (_, k) => ({
      id: i + k + 1,
      username: `member${i + k + 1}`,
      username_key: `member${i + k + 1}`,
      display_name: `Member ${i + k + 1}`,
      email: `member${i + k + 1}@lab.org`,
      email_key: `member${i + k + 1}@lab.org`,
      password_hash: 'x',
      email_verified_at: now,
      created_at: now,
    }))
    await db.kysely
      .insertInto('users' as never)
      .values(rows as never)
      .execute()
  }
  const kysely = db.kysely.withTables<FollowTables>()
  for (let i = 0; i < follows.length; i += ROWS_PER_INSERT) {
    const rows = follows.slice(i, i + ROWS_PER_INSERT).map((f) => ({
      user_id: (f.id % MEMBERS) + 1,
      kind: f.kind,
      target: f.target, // a member who drew the same target twice keeps one (follows_once)
      qualifiers: f.qualifiers,
      label: f.target.slice(0, 80),
      alert: 'instant' as const,
      created_at: now,
      updated_at: now,
    }))
    await kysely
      .insertInto('follows')
      .values(rows)
      .onConflict((oc) => oc.doNothing())
      .execute()
  }
}

function log(message: string): void {
  process.stderr.write(`alerts: ${message}\n`)
}
