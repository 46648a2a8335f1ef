import { setUpvotesPublic } from '../community/profiles/store.js'
import { findCollection } from '../community/collections/store.js'
import { setVote, votedPaperIds } from '../community/votes/store.js'
import { savePreferences } from '../digest/store.js'
import { parsePaperId } from '../papers/arxiv-id.js'
import type { Db } from '../platform/db/connect.js'
import { inCatalog } from './catalog.js'
import { fillCollection } from './fill-collection.js'
import {
  type AccountFrame,
  accountFrame,
  collectionRecord,
  firstProblem,
  followRecord,
  subscriptionRecord,
  voteRecord,
} from './format.js'
import { type ImportReport, emptyReport, noteFill, plural } from './report.js'
import { activateAccountSubscription, upsertFollow } from './store.js'

/** The member an import writes into: their own, confirmed address gets any digest subscription. */
export interface Importer {
  id: number
  email: string
}

/**
 * Reads an account file's frame: a file that is not one (or of another version) is refused whole,
 * before anything is written, with the first problem as a sentence.
 */
export function readAccountFrame(value: unknown): AccountFrame | { error: string } {
  const parsed = accountFrame.safeParse(value)
  return parsed.success
    ? parsed.data
    : { error: `This account file cannot be imported: ${firstProblem(parsed.error)}.` }
}

/**
 * Merges an account file into `member`'s account: follows (by kind and target), votes (through the
 * votes feature, so that counts and trending follow), collections (by name, gaining the papers
 * they lacked), the profile setting and the digest preferences. Comments and submissions are not
 * posted again: they are public acts on other people's threads and on the daily list, made once
 * (docs/decisions/0029). A bad record is reported and skipped; the rest lands.
 */
export async function importAccount(db: Db, member: Importer, file: AccountFrame, now: string): Promise<ImportReport> {
  const report = emptyReport()
  if (file.profile) {
    await setUpvotesPublic(db, member.id, file.profile.upvotes_public)
    report.imported.push(`Your upvotes are ${file.profile.upvotes_public ? 'public' : 'private'} on your profile`)
  }
  await importFollows(db, member, file.follows, now, report)
  await importVotes(db, member, file.votes, now, report)
  for (const [i, raw] of file.collections.entries()) {
    const what = `collection ${i + 1}`
    const parsed = collectionRecord.safeParse(raw)
    if (!parsed.success) {
      report.skipped.push({ what, reason: firstProblem(parsed.error) })
      continue
    }
    const c = parsed.data
    const papers = await knownPapers(
      db,
      c.items.map((item) => ({ id: item.paper_id, addedAt: item.added_at })),
      what,
      report,
    )
    const target = { name: c.name, description: c.description, isPublic: c.public }
    noteFill(report, what, await fillCollection(db, member.id, target, papers, now))
  }
  await importSubscription(db, member, file.subscriptions, now, report)
  if (file.comments.length > 0) {
    report.notes.push(
      `${plural(file.comments.length, 'comment')} not posted again: comments are replies on other people’s threads, where they stay; the file keeps their text for you.`,
    )
  }
  if (file.submissions.length > 0) {
    report.notes.push(
      `${plural(file.submissions.length, 'submission')} not made again: a paper is submitted to the daily list once, by whoever is first.`,
    )
  }
  report.notInCatalog = [...new Set(report.notInCatalog)]
  return report
}

async function importFollows(db: Db, member: Importer, records: unknown[], now: string, report: ImportReport) {
  let added = 0
  let updated = 0
  for (const [i, raw] of records.entries()) {
    const what = `follow ${i + 1}`
    const parsed = followRecord.safeParse(raw)
    if (!parsed.success) {
      report.skipped.push({ what, reason: firstProblem(parsed.error) })
      continue
    }
    const follow = parsed.data
    if (follow.kind === 'collection') {
      // A collection is followed by number: only one this site shows the member means the same list.
      const collection = await findCollection(db, Number(follow.target))
      if (!collection || (!collection.isPublic && collection.userId !== member.id)) {
        report.skipped.push({ what, reason: `collection ${follow.target} is not a public collection on this site` })
        continue
      }
    }
    if (await upsertFollow(db, member.id, follow, now)) added++
    else updated++
  }
  if (added + updated > 0) report.imported.push(`${plural(added + updated, 'follow')} (${added} new)`)
}

async function importVotes(db: Db, member: Importer, records: unknown[], now: string, report: ImportReport) {
  const wanted: { id: string }[] = []
  for (const [i, raw] of records.entries()) {
    const parsed = voteRecord.safeParse(raw)
    if (!parsed.success) report.skipped.push({ what: `vote ${i + 1}`, reason: firstProblem(parsed.error) })
    else wanted.push({ id: parsed.data.paper_id })
  }
  const papers = await knownPapers(db, wanted, 'vote', report)
  // A vote the member has already cast is left alone: importing a file twice costs no writes.
  const ids = papers.map((p) => p.id)
  const already = new Set<string>()
  for (let i = 0; i < ids.length; i += 500) {
    for (const id of await votedPaperIds(db, member.id, ids.slice(i, i + 500))) already.add(id)
  }
  for (const id of ids) if (!already.has(id)) await setVote(db, member.id, id, true, now)
  if (papers.length > 0) report.imported.push(plural(papers.length, 'upvote'))
}

/**
 * The papers of `items` the catalog holds, each once, in order; the others are noted as not in the
 * catalog yet, or skipped when they are not paper ids at all.
 */
async function knownPapers<T extends { id: string }>(
  db: Db,
  items: T[],
  what: string,
  report: ImportReport,
): Promise<T[]> {
  const seen = new Set<string>()
  const ids: T[] = []
  for (const item of items) {
    const id = parsePaperId(item.id)
    if (!id) report.skipped.push({ what: `${what}, paper “${item.id.slice(0, 60)}”`, reason: 'it is not a paper id' })
    else if (!seen.has(id.id)) {
      seen.add(id.id)
      ids.push({ ...item, id: id.id })
    }
  }
  const found = await inCatalog(
    db,
    ids.map((i) => i.id),
  )
  report.notInCatalog.push(...ids.filter((i) => !found.has(i.id)).map((i) => i.id))
  return ids.filter((i) => found.has(i.id))
}

async function importSubscription(db: Db, member: Importer, records: unknown[], now: string, report: ImportReport) {
  let done = false
  for (const [i, raw] of records.entries()) {
    const what = `digest subscription ${i + 1}`
    const parsed = subscriptionRecord.safeParse(raw)
    if (!parsed.success) {
      report.skipped.push({ what, reason: firstProblem(parsed.error) })
      continue
    }
    const s = parsed.data
    if (s.status === 'unsubscribed' || s.status === 'bounced') {
      report.skipped.push({
        what,
        reason: `it had ${s.status === 'bounced' ? 'bounced' : 'ended'}; nothing to start again`,
      })
      continue
    }
    if (done) {
      report.skipped.push({ what, reason: 'your address has one digest, set from the first subscription in the file' })
      continue
    }
    const id = await activateAccountSubscription(db, member.id, member.email, now)
    if (id === null) {
      report.skipped.push({ what, reason: `mail to ${member.email} bounced; subscribe again from the digest form` })
      continue
    }
    await savePreferences(
      db,
      id,
      {
        frequency: s.frequency,
        everyDay: s.every_day,
        categories: s.categories,
        keywords: s.keywords.map((k) => k.toLowerCase()),
        maxPapers: s.max_papers,
        paused: s.paused,
      },
      now,
    )
    done = true
    report.imported.push(`The ${s.frequency} digest to ${member.email}, with your preferences`)
  }
}
