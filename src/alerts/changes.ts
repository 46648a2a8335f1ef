import type { AlertPaper } from '../follows/alert.js'
import { type AlertFollow, followOwners } from '../follows/alert-follows.js'
import { collectedFollows, DEFAULT_COLLECTED_ALERT } from '../follows/collected.js'
import { paperChange } from '../follows/paper-change.js'
import { paperHolders } from '../community/collections/holders.js'
import type { Paper } from '../papers/model.js'
import type { Db } from '../platform/db/connect.js'
import { sentAbout } from './store.js'

/** A paper an alert carries: why, and what changed when it is known already. */
export type Found = { paperId: string; why: string; change?: AlertPaper['change'] }

type Told = { version: number; withdrawn: boolean }

/**
 * New versions and withdrawals to tell in a batch of `cadence`, per follow: of papers a follow of the
 * cadence alerted about before, and of papers in the collections of members whose collected-papers
 * alert (follows/collected.ts) goes at this cadence. A member hears of each change once, through
 * one follow, in whichever batch comes first: what any of their follows told them before is what
 * a change is measured against, and in one batch a follow that alerted the paper tells it before
 * the collections do (docs/decisions/0026-alerts.md). `follows` gains the collected-papers follows
 * that tell something.
 */
export async function changesToTell(
  db: Db,
  changed: readonly Paper[],
  follows: Map<number, AlertFollow>,
  batch: { cadence: AlertFollow['alert']; since: string; now: string; newsAgeMs: number; dryRun: boolean },
): Promise<Map<number, Found[]>> {
  const papers = new Map(changed.map((p) => [p.id, p]))
  const sent = await sentAbout(db, [...papers.keys()])
  const owners = await followOwners(db, [...new Set(sent.map((s) => s.followId))])
  const told = new Map<string, Told>()
  const tellers = new Map<string, { follow: AlertFollow; paper: Paper; why: string; knownSince: string | null }>()
  for (const s of sent) {
    const userId = owners.get(s.followId)
    if (userId === undefined) continue
    const key = `${userId} ${s.paperId}`
    const before = told.get(key)
    told.set(key, {
      version: Math.max(before?.version ?? 1, s.version ?? 1),
      withdrawn: (before?.withdrawn ?? false) || s.withdrawn,
    })
    // The collected-papers follow tells only of papers still collected: it is found by the holders below.
    const follow = follows.get(s.followId)
    if (follow && follow.kind !== 'collected' && !tellers.has(key))
      tellers.set(key, { follow, paper: papers.get(s.paperId)!, why: `you follow ${follow.label}`, knownSince: null })
  }

  const holders = (await paperHolders(db, [...papers.keys()])).filter((h) => !tellers.has(`${h.userId} ${h.paperId}`))
  const collected = await collectedFollows(db, [...new Set(holders.map((h) => h.userId))], batch.now, {
    create: batch.cadence === DEFAULT_COLLECTED_ALERT.cadence && !batch.dryRun,
  })
  for (const h of holders) {
    const follow = collected.get(h.userId)
    if (!follow || follow.alert !== batch.cadence) continue
    tellers.set(`${h.userId} ${h.paperId}`, {
      follow,
      paper: papers.get(h.paperId)!,
      why: `in your collection ${h.collection}`,
      knownSince: h.addedAt,
    })
  }

  const newsAfter = Date.parse(batch.since) - batch.newsAgeMs
  const out = new Map<number, Found[]>()
  for (const [key, t] of tellers) {
    const change = changeToTell(t.paper, told.get(key), t.knownSince, newsAfter)
    if (!change) continue
    follows.set(t.follow.id, t.follow)
    out.set(t.follow.id, [...(out.get(t.follow.id) ?? []), { paperId: t.paper.id, why: t.why, change }])
  }
  return out
}

/**
 * What is new about a paper to a member: against what they were told of it, or else (a collected
 * paper never alerted) against when they collected it, a version arXiv dated after that and not
 * long before the batch (a back-filled old version is no news), or a withdrawal.
 */
function changeToTell(
  paper: Paper,
  told: Told | undefined,
  knownSince: string | null,
  newsAfter: number,
): AlertPaper['change'] | undefined {
  if (told) {
    if (paper.withdrawn && !told.withdrawn) return { kind: 'withdrawn' }
    return (paper.version ?? 1) > told.version ? { kind: 'new-version', version: paper.version! } : undefined
  }
  const change = paperChange(paper, knownSince)
  if (change?.kind === 'new-version' && Date.parse(paper.updatedAt!) < newsAfter) return undefined
  return change ?? undefined
}
