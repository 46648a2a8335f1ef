/**
 * SQLite's search engine: FTS5 with bm25 over title, authors and abstract, the boosts on the best
 * matches, and bounded candidates for the queries whose every term is common
 * (docs/decisions/0016-search.md).
 */
import type { Db } from '../../platform/db/connect.js'
import { asRanked, mayReachPage, rowsForPage } from '../candidates.js'
import type { RankedPage, SearchEngine, WeightedTerm } from '../engine.js'
import type { Atom, ParsedQuery, SearchRequest } from '../model.js'
import {
  categoriesCondition,
  codeFilter,
  pageWindow,
  paperFilters,
  publishedRange,
  requestedCategories,
} from './sqlite-filters.js'
import {
  allMatches,
  candidatePool,
  type Contributions,
  detailsOf,
  estimate,
  lightScores,
  newestRowid,
  tailOf,
  verifiedTop,
} from './sqlite-bounded.js'
import { listStore, type ListStore, type SaveList } from './sqlite-lists.js'
import { type MemberSet, memberStore, type MemberStore } from './sqlite-members.js'
import { atomExpression, boundedQuery, matchExpression } from './sqlite-match.js'
import { prepareLists } from './sqlite-prepare.js'
import { termStats, type TermStats } from './sqlite-stats.js'
import { newestByWalk } from './sqlite-newest.js'
import { candidateCheck, type MembersOf } from './sqlite-verify.js'
import { matchRows } from './sqlite-queries.js'
import { rebuildSqliteIndex, withMergingDeferred } from './sqlite-rebuild.js'
import { exhaustiveSearch, listing, servedPage, totalOf } from './sqlite-exhaustive.js'
import { type RawBuilder, sql } from 'kysely'

export { createSqliteIndex, writeSqliteIndex } from './sqlite-index.js'

/** What the planner weighs; the defaults are the engine's, a test sets them low to force the candidate path. */
export interface SqliteEngineOptions {
  /** Queries expected to match at most this many papers are ranked exhaustively. */
  cheapCost: number
  /**
   * Words past this many papers get their lists when the index is rebuilt; by default the
   * `cheapCost` a caller sets (a test makes every word common), else PREPARED_COST.
   */
  preparedCost?: number
  /** Papers kept per term in its candidate list. */
  listSize: number
  /** A query of one atom, nothing else asked, matching more papers than this reads the atom's list. */
  listedCost: number
  /** Threads that tokenize the papers for the common words' lists after a rebuild (sqlite-prepare.ts). */
  listThreads?: number
  /** The most bytes of heaps one pass over the papers holds while it makes those lists. */
  listPassBytes?: number
  /** How long before a member set was read a paper may be stamped yet committed after (sqlite-members.ts). */
  commitMarginMs?: number
  /**
   * Where a list made on first use is kept; by default this connection writes it to
   * `search_lists`. A search worker's connection only reads: it hands the list to the server's.
   */
  saveList?: SaveList
}

export function sqliteEngine(db: Db): SearchEngine {
  return createSqliteEngine(db, {})
}

/**
 * FTS5 ranks about 1.4 million matches a second here (bm25 first counts every paper holding each
 * phrase): up to this many, ranking them all takes a few milliseconds and is exact. It was 20,000
 * while candidates were checked by FTS5 one by one; with member sets the lists answer a query of
 * words in 5,000–20,000 papers sooner: at 2.7M papers `schrodinger bridge` 10.3 → 2.0 ms, the mix
 * 2.34 → 1.93 ms a search, its overlap with the exhaustive ranking and the relevance set's MRR
 * unchanged (decision 0016, "Members").
 */
const CHEAP_COST = 5_000
/**
 * Words past this many papers get their lists when the index is rebuilt (sqlite-prepare.ts), the
 * ~3,000 commonest at 2.7M papers in one pass over them; the rarer words a query answered from
 * lists needs get theirs on first use.
 */
const PREPARED_COST = 20_000
/**
 * bm25 counts the papers holding each phrase before it ranks (FTS5 reads ~12 million postings a
 * second here): past this many postings of common words, that count alone outweighs the lists.
 */
const IDF_PASS_LIMIT = 250_000
/**
 * Papers kept per common word: enough for every page a search serves (MAX_RESULTS) from one list,
 * and deep enough for pairs of the commonest words. For a word in half the catalog bm25 is nearly
 * flat (its IDF tends to 0): the boosts then choose the top 20 among a text top 200 that, at 2.7M
 * papers, lies up to 20,000 deep in each word's list. 1,000 gave an overlap@20 of 0.76 on such
 * pairs at 100k papers, 3,000 gave 0.92; at 2.7M the mix's overlap was 0.89 with 3,000 and 0.917
 * with 10,000 (docs/decisions/0016-search.md, item 14).
 */
const LIST_SIZE = 10_000
/**
 * A lone atom's list is its exact ranking (its bm25 is the query's), read from memory: past this
 * many matches the list costs less than FTS5 ranking them each search (at 2.7M papers, stop 38:
 * `zebrafish`, 504 matches, 1.06 → 0.22–0.29 ms; `graphene`, 1,381, 1.8–2.9 → 0.46–0.49 ms; it
 * was 2,000 on a faster machine). Such a list is ranked again when papers follow it, so the answer
 * stays exact, and is kept in memory only (sqlite-lists.ts).
 */
const LISTED_COST = 400
/**
 * In a query answered from lists, an atom matching up to this many papers is ranked whole by FTS5
 * (~4 ms); past it, reading its list too costs less than ranking all its matches.
 */
const LIGHT_LIMIT = 5_000

export function createSqliteEngine(db: Db, options: Partial<SqliteEngineOptions>): SearchEngine {
  const settings: SqliteEngineOptions = {
    cheapCost: CHEAP_COST,
    listSize: LIST_SIZE,
    listedCost: LISTED_COST,
    ...options,
  }
  const prepared = options.preparedCost ?? options.cheapCost ?? PREPARED_COST
  const stats = termStats(db)
  const lists = listStore(db, settings.listSize, settings.saveList)
  const members = memberStore(db, settings.commitMarginMs)
  const planner = { settings, stats, lists, members }
  return {
    search: (request) => plannedSearch(db, planner, request),
    exhaustive: (request) => exhaustiveSearch(db, request),
    // bm25 of the terms OR-ed: FTS5 ranks a few rare terms' matches in milliseconds.
    sharing: async (terms, limit) => (await plannedSearch(db, planner, anyOf(terms, limit))).ranked.map((r) => r.id),
    async rebuild(onProgress) {
      // The common words' lists are made while FTS5 merges the new index's segments.
      await rebuildSqliteIndex(db, onProgress, (merge) =>
        prepareLists(db, lists, { ...settings, cheapCost: prepared }, merge, (done, total) =>
          onProgress?.(done, total, "papers read for the common words' lists"),
        ),
      )
      stats.clear()
      members.clear()
    },
    async writeAll() {
      await rebuildSqliteIndex(db)
      stats.clear()
      // Lists rank papers that the index now holds under other rowids, or not at all.
      await sql`delete from search_lists`.execute(db.kysely)
      lists.clear()
      members.clear()
    },
    async writeAlong(work, alongside) {
      // The catalog's indexes after the merge: both would hold SQLite's one connection.
      const result = await withMergingDeferred(db, work, async (merge) => {
        await merge()
        await alongside?.()
      })
      stats.clear()
      // As after writeAll: the papers that lists ranked are gone, and new ones may reuse their rowids.
      await sql`delete from search_lists`.execute(db.kysely)
      lists.clear()
      members.clear()
      return result
    },
  }
}

/** A search for papers holding any of these terms (their weights aside), ranked by relevance. */
export function anyOf(terms: readonly WeightedTerm[], limit: number): SearchRequest {
  const atoms: Atom[] = terms.map((t) => ({
    field: 'all',
    tokens: [t.token],
    phrase: false,
    prefix: false,
    text: t.token,
  }))
  return {
    query: { groups: [atoms], excluded: [], categories: [], years: null, notes: [] },
    sort: 'relevance',
    offset: 0,
    limit,
  }
}

interface Planner {
  settings: SqliteEngineOptions
  stats: TermStats
  lists: ListStore
  members: MemberStore
}

/**
 * Ranks exhaustively when the query is cheap; otherwise scores candidates from the common atoms'
 * lists (sqlite-bounded.ts). The cost of a query is the number of papers its cheapest required
 * group matches; an OR group costs the sum of its atoms.
 */
async function plannedSearch(db: Db, planner: Planner, request: SearchRequest): Promise<RankedPage> {
  const query = boundedQuery(request.query)
  const categories = requestedCategories(request)
  const match = matchExpression(query.groups, query.excluded, categories)
  if (!match) return listing(db, request)
  const { cheapCost } = planner.settings
  const atoms = distinctAtoms(query.groups)
  const documents = new Map(
    await Promise.all(atoms.map(async (a) => [a.key, await planner.stats.documents(a.atom)] as const)),
  )
  const groupCosts = query.groups.map((g) => g.reduce((sum, a) => sum + documents.get(atomExpression(a))!, 0))
  const cost = Math.min(...groupCosts)
  const filters = paperFilters(request)
  const lone =
    request.sort === 'relevance' &&
    atoms.length === 1 &&
    query.groups.length === 1 &&
    query.excluded.length === 0 &&
    categories.length === 0 &&
    !filters &&
    cost > planner.settings.listedCost
  const heads = atoms.filter((a) => lone || documents.get(a.key)! > cheapCost)
  const headPostings = heads.reduce((sum, a) => sum + documents.get(a.key)!, 0)
  // Few matches and common words short enough for bm25's counting pass: FTS5 ranks it all faster.
  if (heads.length === 0 || (!lone && cost <= cheapCost && headPostings <= IDF_PASS_LIMIT)) {
    return exhaustiveSearch(db, request)
  }
  // What the member sets and kept details know of papers written since: once a search.
  planner.members.refresh()
  const window = pageWindow(request)
  const papers = await planner.stats.papers()
  const estimated = Math.round(groupCosts.reduce((p, c) => p * Math.min(1, c / Math.max(1, papers)), papers))
  const categoryCondition = categories.length > 0 ? categoriesCondition(categories) : null
  const conditions = joinedConditions([filters, categoryCondition])
  if (request.sort !== 'relevance') {
    const total = await totalOf(db, match, filters, cost <= cheapCost, estimated)
    if (!window) return { ranked: [], total }
    const walked =
      request.sort === 'newest' && cost > cheapCost
        ? await newestByWalk(
            db,
            await matchCheck(db, planner, query, documents),
            conditions,
            window.offset,
            window.limit,
          )
        : null
    if (walked) {
      const found = await detailsOf(
        db,
        walked.map((rowid) => ({ rowid, score: 0 })),
      )
      return { ranked: found.map((f) => asRanked(f)), total }
    }
    const found = await matchRows(db, match, filters, request.sort, window.offset, window.limit)
    return { ranked: found.map((f) => asRanked(f)), total }
  }
  const listedAtoms = atoms.filter((a) => heads.includes(a) || documents.get(a.key)! > LIGHT_LIMIT)
  const lightAtoms = atoms.filter((a) => !listedAtoms.includes(a))
  const newest = await newestRowid(db)
  // A list cheap to rank again is never older than the catalog: exact, where the tail is guessed.
  const fresh = (key: string) => (documents.get(key)! <= cheapCost ? newest : 0)
  const [light, headLists] = await Promise.all([
    lightScores(db, lightAtoms.length > 0 ? lightAtoms.map((a) => `(${a.key})`).join(' OR ') : null),
    Promise.all(listedAtoms.map((h) => planner.lists.get(h.key, h.key, fresh(h.key)))),
  ])
  const scorer: Contributions = {
    heads: listedAtoms.map((h, i) => ({
      list: headLists[i]!,
      certain: query.groups.some((g) => g.length === 1 && atomExpression(g[0]!) === h.key),
    })),
    light,
  }
  const need = window ? rowsForPage(window.offset, window.limit) : 0
  const fromCandidates = cost > cheapCost || lone
  const tail = fromCandidates
    ? await tailOf(
        db,
        listedAtoms.map((h, i) => ({ expression: h.key, list: headLists[i]! })),
        newest,
      )
    : []
  const pool = candidatePool(scorer, tail)
  let top: { rowid: number; score: number }[] | null = null
  if (fromCandidates) {
    const heads = new Map(listedAtoms.map((h, i) => [h.key, i]))
    const membersOf = await memberSets(planner, query.excluded, documents)
    const papersCheck = conditions && {
      all: conditions,
      dates: publishedSet(planner, request),
      rest: joinedConditions([codeFilter(request), categoryCondition]),
    }
    const check = candidateCheck(db, query.groups, query.excluded, pool, heads, papersCheck, membersOf)
    top = await verifiedTop(scorer, pool, check, need, window ? window.offset + window.limit : 0)
  }
  // Few matches, or the lists ran out before the page was full: score every match.
  top ??= (await allMatches(db, match, filters))
    .map((rowid) => ({ rowid, score: estimate(scorer, pool, rowid) }))
    .sort((a, b) => b.score - a.score || a.rowid - b.rowid)
    .slice(0, need)
  const total = await totalOf(db, match, filters, cost <= cheapCost, Math.max(estimated, top.length))
  if (!window) return { ranked: [], total }
  const weighed = mayReachPage(top, window.offset, window.limit)
  let rows = await detailsOf(db, weighed, planner.members)
  // A paper deleted since it was ranked leaves a gap that one of the others may fill.
  if (rows.length < weighed.length && weighed.length < top.length) rows = await detailsOf(db, top, planner.members)
  return { ranked: servedPage(rows, window.offset, window.limit), total }
}

/** Conditions ANDed; null when there are none. */
function joinedConditions(conditions: (RawBuilder<unknown> | null)[]): RawBuilder<unknown> | null {
  const present = conditions.filter((c) => c !== null)
  return present.length > 0 ? sql.join(present, sql` and `) : null
}

/** The set of papers in the search's date range, where it asks one and the range is not too wide to keep. */
function publishedSet(planner: Planner, request: SearchRequest): MemberSet | null {
  const range = publishedRange(request)
  return range ? planner.members.published(range) : null
}

/**
 * Postings past which an atom's member set is not read: reading one walks them all (~12 million a
 * second), once, where each candidate it answers saves ~25 µs of FTS5.
 */
const MEMBER_POSTINGS = 3_000_000

/** The atoms' member sets, read on first use, for those not too costly to read whole. */
async function memberSets(
  planner: Planner,
  excluded: readonly Atom[],
  documents: ReadonlyMap<string, number>,
): Promise<MembersOf> {
  const excludedCosts = new Map(
    await Promise.all(excluded.map(async (a) => [atomExpression(a), await planner.stats.documents(a)] as const)),
  )
  return (atom) => {
    const key = atomExpression(atom)
    const cost = documents.get(key) ?? excludedCosts.get(key) ?? Infinity
    return cost <= MEMBER_POSTINGS ? planner.members.get(key) : null
  }
}

/**
 * Whether papers match the query's groups and exclusions, exactly: by the atoms' member sets, FTS5
 * for what they cannot tell (a walk's papers already meet the filters and categories).
 */
async function matchCheck(db: Db, planner: Planner, query: ParsedQuery, documents: ReadonlyMap<string, number>) {
  const membersOf = await memberSets(planner, query.excluded, documents)
  return candidateCheck(db, query.groups, query.excluded, NO_POOL, new Map(), null, membersOf, true)
}

const NO_POOL = { size: 0, rowids: new Int32Array(0), listed: new Float64Array(0), inList: [] }

/** The query's positive atoms, once each, keyed by their FTS5 expression. */
function distinctAtoms(groups: readonly Atom[][]): { key: string; atom: Atom }[] {
  const byKey = new Map<string, Atom>()
  for (const atom of groups.flat()) byKey.set(atomExpression(atom), atom)
  return [...byKey].map(([key, atom]) => ({ key, atom }))
}
