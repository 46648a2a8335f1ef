import type { Alert, AlertPaper } from '../follows/alert.js'
import { type AlertFollow, listAlertFollows } from '../follows/alert-follows.js'
import { buildMatcher } from '../follows/match.js'
import type { AlertCadence } from '../follows/schema.js'
import { collectionAddsBetween } from '../community/collections/added-between.js'
import type { Paper } from '../papers/model.js'
import { periodContaining, toDay } from '../papers/period.js'
import { papersWrittenBetween } from '../papers/recent.js'
import { getPapers } from '../papers/store.js'
import type { Db } from '../platform/db/connect.js'
import { enqueueAlertWebhooks } from '../webhooks/enqueue.js'
import { followUrl, toAlertPaper } from './alert-papers.js'
import { hasBatch, lastBatchEnd, type SentPaper, sentAbout, writeBatch } from './store.js'

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
 * new versions and withdrawals of papers a follow alerted about. Queues one email per follow that
 * sends them and hands every alert to the webhooks. Running it twice queues nothing twice: a
 * batch's key is recorded with its emails and papers in one transaction.
 */
export async function makeAlertBatch(
  db: Db,
  site: { baseUrl: string },
  cadence: Cadence,
  now: number,
  options: { dryRun?: boolean } = {},
): Promise<BatchReport> {
  const key = batchKey(cadence, now)
  const until = new Date(now).toISOString()
  const last = await lastBatchEnd(db, cadence)
  const earliest = new Date(now - MAX_LOOKBACK_MS[cadence]).toISOString()
  const since = last ? (last < earliest ? earliest : last) : new Date(now - FIRST_LOOKBACK_MS[cadence]).toISOString()
  const report: BatchReport = {
    batch: key,
    since,
    until,
    papers: 0,
    changed: 0,
    alerts: 0,
    emails: 0,
    webhooks: 0,
    already: false,
  }
  if (await hasBatch(db, key)) return { ...report, already: true }

  const written = await papersWrittenBetween(db, since, until)
  const newsAfter = new Date(Date.parse(since) - NEWS_AGE_MS).toISOString()
  const added = written.added.filter((p) => p.publishedAt === null || p.publishedAt >= newsAfter)
  report.papers = added.length
  report.changed = written.changed.length
  const follows = await listAlertFollows(db, cadence)
  const byId = new Map(follows.map((f) => [f.id, f]))

  const found = new Map<number, AlertPaper[]>()
  const papers = new Map<string, Paper>(added.map((p) => [p.id, p]))
  const add = (followId: number, paper: AlertPaper) => {
    const list = found.get(followId)
    if (list) list.push(paper)
    else found.set(followId, [paper])
  }

  const matcher = buildMatcher(follows, toDay(now))
  const matches = matcher.match(added)
  for (const { followId, paperId, why } of await collectionMatches(db, follows, since, until, papers))
    push(matches, followId, { paperId, why })
  const before = await sentAbout(db, [...new Set([...matches.values()].flatMap((ms) => ms.map((m) => m.paperId)))])
  const sentBefore = new Set(before.map((s) => `${s.followId} ${s.paperId}`))
  for (const [followId, ms] of matches)
    for (const m of ms)
      if (!sentBefore.has(`${followId} ${m.paperId}`))
        add(followId, toAlertPaper(papers.get(m.paperId)!, site.baseUrl, m.why))

  // Changes to papers alerted about before: a new arXiv version, or a withdrawal.
  const changed = new Map(written.changed.map((p) => [p.id, p]))
  for (const s of await sentAbout(db, [...changed.keys()])) {
    const follow = byId.get(s.followId)
    const paper = changed.get(s.paperId)!
    if (!follow) continue
    const change: AlertPaper['change'] =
      paper.withdrawn && !s.withdrawn
        ? { kind: 'withdrawn' }
        : (paper.version ?? 1) > (s.version ?? 1)
          ? { kind: 'new-version', version: paper.version! }
          : undefined
    if (change)
      add(follow.id, toAlertPaper(paper, site.baseUrl, `you were alerted to it through ${follow.label}`, change))
  }

  const alerts: Alert[] = []
  const sent: SentPaper[] = []
  for (const [followId, list] of found) {
    const follow = byId.get(followId)!
    const kept = list.slice(0, MAX_PAPERS_PER_ALERT)
    alerts.push({
      followId,
      userId: follow.userId,
      kind: follow.kind,
      label: follow.label,
      cadence,
      followUrl: followUrl(follow, site.baseUrl),
      batch: key,
      papers: kept,
    })
    for (const p of kept) {
      const paper = papers.get(p.id) ?? changed.get(p.id)!
      sent.push({ followId, paperId: p.id, version: paper.version, withdrawn: paper.withdrawn })
    }
  }
  const emails = alerts
    .filter((a) => byId.get(a.followId)!.email)
    .map((a) => ({ followId: a.followId, userId: a.userId, alert: JSON.stringify(a) }))
  report.alerts = alerts.length
  report.emails = emails.length
  if (options.dryRun) return report
  if (!(await writeBatch(db, { key, cadence, since, until, now: until, emails, sent })))
    return { ...report, already: true }
  for (const alert of alerts) report.webhooks += await enqueueAlertWebhooks(db, alert)
  return report
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
): Promise<{ followId: number; paperId: string; why: string }[]> {
  const byCollection = new Map<number, AlertFollow[]>()
  for (const f of follows) {
    const id = f.kind === 'collection' && /^\d{1,9}$/.test(f.target) ? Number(f.target) : null
    if (id !== null) byCollection.set(id, [...(byCollection.get(id) ?? []), f])
  }
  const adds = await collectionAddsBetween(db, [...byCollection.keys()], since, until)
  const missing = [...new Set(adds.map((a) => a.paperId))].filter((id) => !papers.has(id))
  for (const p of await getPapers(db, missing)) papers.set(p.id, p)
  return adds.flatMap((a) =>
    (byCollection.get(a.collectionId) ?? [])
      .filter((f) => papers.has(a.paperId) && (a.isPublic || a.ownerId === f.userId))
      .map((f) => ({ followId: f.id, paperId: a.paperId, why: `added to the collection ${a.name}` })),
  )
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key)
  if (list) list.push(value)
  else map.set(key, [value])
}
