import type { Alert } from '../follows/alert.js'
import { type AlertFollow, listAlertFollows } from '../follows/alert-follows.js'
import { buildMatcher, type PaperMatch } from '../follows/match.js'
import type { AlertCadence } from '../follows/schema.js'
import { collectionAddsBetween } from '../community/collections/added-between.js'
import type { Paper } from '../papers/model.js'
import { periodContaining, toDay } from '../papers/period.js'
import { papersWrittenBetween } from '../papers/recent.js'
import { getPapers } from '../papers/store.js'
import type { Db } from '../platform/db/connect.js'
import { enqueueAlertWebhooks } from '../webhooks/enqueue.js'
import { membersWithWebhooks } from '../webhooks/outbox.js'
import { followUrl, toAlertPaper } from './alert-papers.js'
import { changesToTell, type Found } from './changes.js'
import type { StoredAlert } from './stored-alert.js'
import {
  finishBatch,
  lastBatchEnd,
  type SentPaper,
  sentAbout,
  startBatch,
  unfinishedBatch,
  writeAlerts,
} from './store.js'

export type Cadence = Exclude<AlertCadence, 'off'>

const HOUR_MS = 3_600_000
const DAY_MS = 24 * HOUR_MS
/** A first batch looks back one period; a late one never further than this (a week-old alert is news no more). */
const FIRST_LOOKBACK_MS: Record<Cadence, number> = { instant: DAY_MS, daily: DAY_MS, weekly: 7 * DAY_MS }
const MAX_LOOKBACK_MS: Record<Cadence, number> = { instant: 2 * DAY_MS, daily: 3 * DAY_MS, weekly: 14 * DAY_MS }
/**
 * A paper is news when arXiv dated it at most this long before the batch: a snapshot import or a
 * back-fill stores thousands of old papers, which would otherwise all alert at once.
 */
const NEWS_AGE_MS = 30 * DAY_MS
/** More is a list to browse, not an alert: the rest stays on the follow's page. */
export const MAX_PAPERS_PER_ALERT = 50
/** Follows whose alerts are written in one transaction: memory stays flat however many match. */
const FOLLOWS_PER_WRITE = 1000

export interface BatchReport {
  batch: string
  since: string
  until: string
  /** Papers new in the window, and papers stored before that changed (new version, withdrawn). */
  papers: number
  changed: number
  alerts: number
  emails: number
  webhooks: number
  /** True when this batch had been made already: nothing was queued twice. */
  already: boolean
}

/** The batch's key: one instant batch per moment, one daily per UTC day, one weekly per ISO week. */
export function batchKey(cadence: Cadence, now: number): string {
  if (cadence === 'instant') return `instant:${new Date(now).toISOString()}`
  if (cadence === 'daily') return `daily:${toDay(now)}`
  return `weekly:${periodContaining('week', toDay(now)).key}`
}

/**
 * Makes one batch of alerts: the papers the catalog took in since the cadence's last batch ended,
 * matched against every follow of the cadence, minus what each follow alerted about before; plus
 * new versions and withdrawals of papers a follow alerted about or the member collected. Queues one email per follow that
 * sends them and hands every alert to the webhooks. The batch is recorded first (its key and its
 * place in the cadence's chain are unique, so a second run or instance makes nothing twice) and
 * finished last; one that stopped half-way is made again by the next run, which skips what the
 * first wrote.
 */
export async function makeAlertBatch(
  db: Db,
  site: { baseUrl: string },
  cadence: Cadence,
  now: number,
  options: { dryRun?: boolean } = {},
): Promise<BatchReport> {
  const window = (await unfinishedBatch(db, cadence)) ?? (await nextWindow(db, cadence, now))
  const report: BatchReport = {
    ...window,
    batch: window.key,
    papers: 0,
    changed: 0,
    alerts: 0,
    emails: 0,
    webhooks: 0,
    already: false,
  }
  if (
    !window.open &&
    !options.dryRun &&
    !(await startBatch(db, { ...window, cadence, now: new Date(now).toISOString() }))
  )
    return { ...report, already: true }

  const { since, until, key } = window
  const written = await papersWrittenBetween(db, since, until)
  const newsAfter = new Date(Date.parse(since) - NEWS_AGE_MS).toISOString()
  const added = written.added.filter((p) => p.publishedAt === null || p.publishedAt >= newsAfter)
  report.papers = added.length
  report.changed = written.changed.length
  const follows = await listAlertFollows(db, cadence)
  const byId = new Map(follows.map((f) => [f.id, f]))
  const papers = new Map<string, Paper>([...added, ...written.changed].map((p) => [p.id, p]))

  const matches = buildMatcher(follows, toDay(now)).match(added)
  for (const [followId, list] of await collectionMatches(db, follows, since, until, papers))
    matches.set(followId, [...(matches.get(followId) ?? []), ...list])
  const matchedIds = new Set<string>()
  for (const list of new Set(matches.values())) for (const m of list) matchedIds.add(m.paperId)
  const sentBefore = new Set((await sentAbout(db, [...matchedIds])).map((s) => `${s.followId} ${s.paperId}`))
  const changes = await changesToTell(db, written.changed, byId, {
    cadence,
    since,
    now: new Date(now).toISOString(),
    newsAgeMs: NEWS_AGE_MS,
    dryRun: options.dryRun ?? false,
  })

  // A follow's papers are read from its target's shared list, up to the cap, and written chunk by
  // chunk: the batch never holds its (follow, paper) pairs all at once (a day's 100,000 follows make
  // ~7 million), and builds an alert's paper texts only for a member with a webhook (emails carry ids).
  // When nothing was sent before, follows of one target without changes share its first papers too:
  // a chunk then holds no per-follow copy that would outlive the young generation.
  const capped = new Map<readonly Found[], Found[]>()
  const chosen = (followId: number): Found[] => {
    const list = matches.get(followId) ?? []
    if (sentBefore.size === 0 && !changes.has(followId)) {
      let first = capped.get(list)
      if (first === undefined) capped.set(list, (first = list.slice(0, MAX_PAPERS_PER_ALERT)))
      return first
    }
    const out: Found[] = []
    for (const m of list) {
      if (out.length === MAX_PAPERS_PER_ALERT) return out
      if (!sentBefore.has(`${followId} ${m.paperId}`)) out.push(m)
    }
    for (const c of changes.get(followId) ?? []) {
      if (out.length === MAX_PAPERS_PER_ALERT) return out
      out.push(c)
    }
    return out
  }
  const alerting = [...byId.values()].filter((f) => matches.has(f.id) || changes.has(f.id))
  for (let i = 0; i < alerting.length; i += FOLLOWS_PER_WRITE) {
    const chunk = alerting.slice(i, i + FOLLOWS_PER_WRITE)
    const members = [...new Set(chunk.map((f) => f.userId))]
    const hooked = options.dryRun ? new Set<number>() : await membersWithWebhooks(db, members)
    const alerts: Alert[] = []
    const stored: StoredAlert[] = []
    const picked: { followId: number; found: Found[] }[] = []
    for (const follow of chunk) {
      const found = chosen(follow.id)
      if (found.length === 0) continue
      picked.push({ followId: follow.id, found })
      const head = {
        followId: follow.id,
        userId: follow.userId,
        kind: follow.kind,
        label: follow.label,
        cadence,
        followUrl: followUrl(follow, site.baseUrl),
        batch: key,
      }
      if (follow.email) stored.push({ ...head, papers: found })
      if (hooked.has(follow.userId))
        alerts.push({
          ...head,
          papers: found.map((f) => toAlertPaper(papers.get(f.paperId)!, site.baseUrl, f.why, f.change)),
        })
    }
    report.alerts += picked.length
    report.emails += stored.length
    if (options.dryRun) continue
    await writeAlerts(db, key, stored, sentPapers(picked, papers), new Date(now).toISOString())
    for (const alert of alerts) report.webhooks += await enqueueAlertWebhooks(db, alert)
  }
  if (!options.dryRun) await finishBatch(db, key, report.alerts)
  return report
}

/** The papers a chunk's alerts send, made as the writer reads them. */
function* sentPapers(picked: { followId: number; found: Found[] }[], papers: Map<string, Paper>): Generator<SentPaper> {
  for (const { followId, found } of picked)
    for (const f of found) {
      const paper = papers.get(f.paperId)!
      yield { followId, paperId: f.paperId, version: paper.version, withdrawn: paper.withdrawn }
    }
}

/** The cadence's next window: from where its last batch ended (or one period back) to now. */
async function nextWindow(db: Db, cadence: Cadence, now: number) {
  const last = await lastBatchEnd(db, cadence)
  const earliest = new Date(now - MAX_LOOKBACK_MS[cadence]).toISOString()
  const since = last ? (last < earliest ? earliest : last) : new Date(now - FIRST_LOOKBACK_MS[cadence]).toISOString()
  return { key: batchKey(cadence, now), since, until: new Date(now).toISOString(), open: false }
}

/**
 * Collection follows are events, not text: the papers put in a followed collection during the
 * window (a private collection only for its owner).
 */
async function collectionMatches(
  db: Db,
  follows: AlertFollow[],
  since: string,
  until: string,
  papers: Map<string, Paper>,
): Promise<Map<number, PaperMatch[]>> {
  const byCollection = new Map<number, AlertFollow[]>()
  for (const f of follows) {
    const id = f.kind === 'collection' && /^\d{1,9}$/.test(f.target) ? Number(f.target) : null
    if (id !== null) byCollection.set(id, [...(byCollection.get(id) ?? []), f])
  }
  const adds = await collectionAddsBetween(db, [...byCollection.keys()], since, until)
  const missing = [...new Set(adds.map((a) => a.paperId))].filter((id) => !papers.has(id))
  for (const p of await getPapers(db, missing)) papers.set(p.id, p)
  const out = new Map<number, PaperMatch[]>()
  for (const a of adds) {
    for (const f of byCollection.get(a.collectionId) ?? []) {
      if (!papers.has(a.paperId) || !(a.isPublic || a.ownerId === f.userId)) continue
      out.set(f.id, [...(out.get(f.id) ?? []), { paperId: a.paperId, why: `added to the collection ${a.name}` }])
    }
  }
  return out
}
