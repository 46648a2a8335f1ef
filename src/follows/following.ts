import { findCollection, itemsAddedSince } from '../community/collections/store.js'
import type { Paper } from '../papers/model.js'
import { addDays, toDay } from '../papers/period.js'
import { getPapers } from '../papers/store.js'
import { texToPlainText } from '../papers/tex/plain.js'
import type { Db } from '../platform/db/connect.js'
import { highlight } from '../search/highlight.js'
import { parseQuery } from '../search/query.js'
import { parseSearchOptions, toSearchRequest } from '../search/request.js'
import { searchPapers } from '../search/service.js'
import { type Arrival, arrivalsOf, newAmong, newInCategory, newWithAuthors } from './following-store.js'
import { matchAuthorFollows } from './match.js'
import { type PaperChange, paperChange } from './paper-change.js'
import type { Follow } from './store.js'

/** At most this many papers per follow: a prolific author or a broad category cannot crowd out the rest. */
export const PER_FOLLOW = 20
/** A reader's first look at the Following page covers this many days. */
export const FIRST_LOOK_DAYS = 7
// Search filters on arXiv dates, which run behind the catalog's arrivals (ingest lag, replacements):
// the search looks this much further back, and only the papers new since the last look are kept.
const SEARCH_LOOKBACK_DAYS = 7
const SEARCH_CANDIDATES = 100
const MATCHED_TERMS_SHOWN = 5
/**
 * Author follows are matched in memory against the newest papers new to the reader, at most this
 * many (about a week of arXiv): one query of papers and one of their names, whatever the number
 * of author follows.
 */
export const AUTHOR_SCAN = 5000

/** Why a paper is on the page: the follow it matched, and in what (a co-author, the terms). */
export interface Reason {
  follow: Follow
  detail: string | null
  /** For an author: the name as the paper prints it, when it is not the follow's own spelling. */
  printed?: string
}

export interface FollowedPaper {
  paper: Paper
  /** When it became new to the reader: arrived in the catalog or a collection, or got its version. */
  arrivedAt: string
  change: PaperChange | null
  reasons: Reason[]
}

/**
 * The papers new to a reader since `since` that match any of their follows, newest first, each with
 * why. Bounded: PER_FOLLOW papers per follow, each follow one query or two (authors share one).
 */
export async function followedPapers(
  db: Db,
  viewerId: number,
  follows: readonly Follow[],
  since: string,
  now: number,
): Promise<FollowedPaper[]> {
  const found = new Map<string, { arrivedAt: string; knownSince: string | null; reasons: Reason[] }>()
  const note = (id: string, arrivedAt: string, knownSince: string | null, reason: Reason) => {
    const seen = found.get(id)
    if (!seen) found.set(id, { arrivedAt, knownSince, reasons: [reason] })
    else {
      seen.reasons.push(reason)
      if (arrivedAt > seen.arrivedAt) seen.arrivedAt = arrivedAt
    }
  }
  const fromCatalog = (a: Arrival, follow: Follow, detail: string | null = null, more: { printed?: string } = {}) =>
    note(a.id, arrivedAt(a, since), Date.parse(a.createdAt) < Date.parse(since) ? since : null, {
      follow,
      detail,
      ...more,
    })

  const authors = follows.filter((f) => f.kind === 'author')
  const candidates = authors.length > 0 ? await newWithAuthors(db, since, AUTHOR_SCAN) : []
  // Latest first by when each became new (a revision of an old paper too).
  const latest = candidates
    .map((a) => ({ a, at: arrivedAt(a, since) }))
    .sort((x, y) => y.at.localeCompare(x.at))
    .map(({ a }) => a)
  const byId = new Map(latest.map((a) => [a.id, a]))
  const matches = matchAuthorFollows(
    authors.map((f) => ({ id: f.id, kind: f.kind, target: f.target, qualifiers: JSON.stringify(f.qualifiers) })),
    latest,
  )
  for (const f of authors) {
    for (const { paperId, match } of (matches.get(f.id) ?? []).slice(0, PER_FOLLOW)) {
      const printed = match.printed === f.label ? {} : { printed: match.printed }
      fromCatalog(byId.get(paperId)!, f, match.detail, printed)
    }
  }

  for (const f of follows.filter((f) => f.kind === 'category')) {
    for (const a of await newInCategory(db, f.target, since, PER_FOLLOW)) fromCatalog(a, f)
  }

  for (const f of follows.filter((f) => f.kind === 'search')) {
    for (const { arrival, terms } of await newForSearch(db, f.target, since, now)) {
      fromCatalog(arrival, f, terms.length > 0 ? `matched terms: ${terms.join(', ')}` : null)
    }
  }

  const collections = follows.filter((f) => f.kind === 'collection')
  const readable = new Map<number, Follow>()
  for (const f of collections) {
    const c = await findCollection(db, Number(f.target))
    if (c && (c.isPublic || c.userId === viewerId)) readable.set(c.id, f)
  }
  const items = await itemsAddedSince(db, [...readable.keys()], since, PER_FOLLOW * readable.size)
  const arrivals = new Map(
    (
      await arrivalsOf(
        db,
        items.map((i) => i.paperId),
      )
    ).map((a) => [a.id, a]),
  )
  const perCollection = new Map<number, number>()
  for (const item of items) {
    const kept = perCollection.get(item.collectionId) ?? 0
    if (kept >= PER_FOLLOW || !arrivals.has(item.paperId)) continue
    perCollection.set(item.collectionId, kept + 1)
    note(item.paperId, new Date(item.addedAt).toISOString(), null, {
      follow: readable.get(item.collectionId)!,
      detail: null,
    })
  }

  const papers = await getPapers(db, [...found.keys()], { listed: true })
  return papers
    .map((paper) => {
      const f = found.get(paper.id)!
      return { paper, arrivedAt: f.arrivedAt, change: paperChange(paper, f.knownSince), reasons: f.reasons }
    })
    .sort((a, b) => b.arrivedAt.localeCompare(a.arrivedAt) || b.paper.id.localeCompare(a.paper.id))
}

/**
 * When a catalog paper became new to the reader: its arrival, or after `since` its new version's
 * date or its withdrawal, whichever is latest.
 */
function arrivedAt(a: Arrival, since: string): string {
  const created = new Date(a.createdAt).toISOString()
  if (created >= since) return created
  const changes = [a.version && a.version > 1 ? a.updatedAt : null, a.withdrawnAt]
    .filter((t): t is string => t !== null)
    .map((t) => new Date(t).toISOString())
  return [created, ...changes].reduce((latest, t) => (t > latest ? t : latest))
}

/** A followed search's papers new since `since`, newest first, with the terms each matched. */
async function newForSearch(db: Db, target: string, since: string, now: number) {
  let options
  try {
    options = parseSearchOptions({
      ...Object.fromEntries(new URLSearchParams(target)),
      sort: 'newest',
      per_page: String(SEARCH_CANDIDATES),
    })
  } catch {
    return [] // a search the rules no longer accept matches nothing, rather than breaking the page
  }
  const query = parseQuery(options.q)
  const request = toSearchRequest(options, query, toDay(now))
  const lookback = addDays(toDay(new Date(since)), -SEARCH_LOOKBACK_DAYS)
  if (!request.from || request.from < lookback) request.from = lookback
  const hits = (await searchPapers(db, request)).hits
  const fresh = new Map(
    (
      await newAmong(
        db,
        hits.map((h) => h.paper.id),
        since,
      )
    ).map((a) => [a.id, a]),
  )
  return hits
    .filter((h) => fresh.has(h.paper.id))
    .slice(0, PER_FOLLOW)
    .map(({ paper }) => ({ arrival: fresh.get(paper.id)!, terms: matchedTerms(paper, query) }))
}

/** The words of a paper's title and abstract the search matched, each once, as the reader sees them. */
function matchedTerms(paper: Paper, query: ReturnType<typeof parseQuery>): string[] {
  const text = `${texToPlainText(paper.title)} ${texToPlainText(paper.abstract)}`
  const terms = new Map<string, string>()
  for (const s of highlight(text, query)) {
    if (s.type === 'highlight' && !terms.has(s.text.toLowerCase())) terms.set(s.text.toLowerCase(), s.text)
  }
  return [...terms.values()].slice(0, MATCHED_TERMS_SHOWN)
}
