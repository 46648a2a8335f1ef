/**
 * The search of a query holding a common term, without asking FTS5 to rank it: a paper's score is
 * the sum of its atoms' contributions (bm25 is a sum over phrases), taken from each common atom's
 * candidate list (sqlite-lists.ts) and, for the rare atoms, from one ranked FTS5 query over them
 * alone. FTS5 only says which papers match (docs/decisions/0016-search.md).
 */
import { type RawBuilder, sql } from 'kysely'
import type { Db } from '../../platform/db/connect.js'
import { type Scored, type TermList, unseenBound } from '../candidates.js'
import type { StoredList } from './sqlite-lists.js'
import type { MemberStore, PaperDetails } from './sqlite-members.js'
import type { Check } from './sqlite-verify.js'

/**
 * A paper known to hold a common atom but missing from its list scores at most the list's last
 * impact; it is counted at this share of it. The benchmark's overlap with the exhaustive ranking
 * measures what the guess costs.
 */
export const MISSING_SHARE = 0.5
/** Candidates checked against the whole query in the first statement; a statement that finds few doubles the next. */
const VERIFY_BATCH = 250
/** The most candidates one check statement takes (a rare filter on a common word reads down the lists). */
const VERIFY_BATCH_MAX = 4_000
/**
 * Candidates checked at most (FTS5 checks one in ~25 µs): past this the best found so far stand,
 * although a paper further down the candidates might still, by its bound, outscore them.
 */
const MAX_CHECKS = 1_000
/**
 * Candidates checked at most while fewer than `need` are found (a rare filter on a common word):
 * past this, once the page itself is full, the best found stand. Each check reads a paper's row
 * (~4 µs) or asks FTS5 (~25 µs): going down a whole list of 10,000 took 40 ms for a year filter.
 */
const MAX_SPARSE_CHECKS = 3_000

/** What the scorer knows about the query's atoms. */
export interface Contributions {
  /** Each common atom's list, and whether a match surely holds the atom (it stands alone in its group). */
  heads: { list: StoredList; certain: boolean }[]
  /** The rare atoms' summed contribution for every paper holding any of them. */
  light: Map<number, number>
}

/**
 * The papers a search weighs, a slot each in flat arrays, in rowid order: every paper a list
 * holds, a rare atom matches or a list's tail adds. At 10,000 papers a list, a search of two common
 * words weighs 20,000: an object and map lookups per paper and atom were most of its time, and a
 * map per search most of its garbage.
 */
export interface CandidatePool {
  size: number
  /** The candidates' rowids, ascending: a paper's slot is found by binary search. */
  rowids: Int32Array
  /** The sum of the impacts the lists give the paper. */
  listed: Float64Array
  /** Per common atom (in `heads` order): 1 where its list holds the paper. */
  inList: Uint8Array[]
  /** Kept for later searches of the same lists (no rare atom, no tail): its order by bound is kept too. */
  kept?: boolean
  byBound?: BoundOrder
}

/** A pool's slots by bound, highest first (the lower slot first among equals), and their bounds. */
interface BoundOrder {
  slots: Int32Array
  bounds: Float64Array
}

export function candidatePool(c: Contributions, extra: readonly number[] = []): CandidatePool {
  // Lists and nothing else (common words, the commonest searches): the same pool every time, kept
  // with the order of its candidates by bound once a search has asked for it.
  if (c.light.size > 0 || extra.length > 0) return poolOf(c, extra)
  const key = c.heads.map((h) => listId(h.list)).join(',')
  let pool = keptPools.get(key)
  if (pool) keptPools.delete(key)
  else {
    pool = { ...poolOf(c, extra), kept: true }
    keptBytes += poolBytes(pool)
  }
  keptPools.set(key, pool)
  for (const [oldest, dropped] of keptPools) {
    if (keptBytes <= KEPT_POOL_BYTES || oldest === key) break
    keptPools.delete(oldest)
    keptBytes -= poolBytes(dropped)
  }
  return pool
}

/**
 * The pools of the lists searched most recently, each with its order by bound once made: at
 * 10,000 papers a list, ~250 KB for one word, ~750 KB for two (making them was a fifth of a
 * search's time over the benchmark's mix at 2.7M papers).
 */
const keptPools = new Map<string, CandidatePool>()
const KEPT_POOL_BYTES = 12 << 20
let keptBytes = 0

// Lists are made anew (never changed) when they change: a list's identity names its pool.
const listIds = new WeakMap<StoredList, number>()
let nextListId = 0

function listId(list: StoredList): number {
  let id = listIds.get(list)
  if (id === undefined) listIds.set(list, (id = nextListId++))
  return id
}

/** A pool's bytes with its order by bound (a slot and a bound each). */
function poolBytes(pool: CandidatePool): number {
  return pool.size * (4 + 8 + pool.inList.length + 4 + 8)
}

function poolOf(c: Contributions, extra: readonly number[]): CandidatePool {
  const orders = c.heads.map((h) => rowidOrder(h.list))
  const all = new Int32Array(orders.reduce((n, o) => n + o.rowids.length, c.light.size + extra.length))
  let n = 0
  for (const order of orders) {
    all.set(order.rowids, n)
    n += order.rowids.length
  }
  for (const rowid of c.light.keys()) all[n++] = rowid
  for (const rowid of extra) all[n++] = rowid
  all.sort()
  let size = 0
  for (let i = 0; i < n; i++) if (i === 0 || all[i] !== all[i - 1]) all[size++] = all[i]!
  const rowids = all.subarray(0, size)
  const listed = new Float64Array(size)
  // Each list walked in rowid order beside the pool: no lookup.
  const inList = orders.map((order, h) => {
    const held = new Uint8Array(size)
    const { impacts } = c.heads[h]!.list
    let slot = 0
    for (let j = 0; j < order.rowids.length; j++) {
      while (rowids[slot] !== order.rowids[j]) slot++
      held[slot] = 1
      listed[slot] = listed[slot]! + impacts[order.at[j]!]!
    }
    return held
  })
  return { size, rowids, listed, inList }
}

/** A list's rowids in ascending order, with each one's place in the list. */
interface RowidOrder {
  rowids: Int32Array
  at: Int32Array
}

// Made once a list: lists are shared by every search of their atom (sqlite-lists.ts counts its bytes).
const rowidOrders = new WeakMap<StoredList, RowidOrder>()

function rowidOrder(list: StoredList): RowidOrder {
  let order = rowidOrders.get(list)
  if (!order) {
    const at = Int32Array.from(list.rowids.keys()).sort((a, b) => list.rowids[a]! - list.rowids[b]!)
    order = { rowids: Int32Array.from(at, (i) => list.rowids[i]!), at }
    rowidOrders.set(list, order)
  }
  return order
}

/** The paper's slot in the pool, or -1. */
function slotOf(pool: CandidatePool, rowid: number): number {
  let low = 0
  let high = pool.size - 1
  while (low <= high) {
    const middle = (low + high) >>> 1
    const at = pool.rowids[middle]!
    if (at < rowid) low = middle + 1
    else if (at > rowid) high = middle - 1
    else return middle
  }
  return -1
}

/** Whether the atom's list (by its place in `heads`) holds the paper. */
export function listHolds(pool: CandidatePool, head: number, rowid: number): boolean {
  const slot = slotOf(pool, rowid)
  return slot >= 0 && pool.inList[head]![slot] === 1
}

/** The score of a paper that matches the query: exact when every common atom lists it. */
export function estimate(c: Contributions, pool: CandidatePool, rowid: number): number {
  return scoreAt(c, pool, slotOf(pool, rowid), rowid)
}

/** `estimate` for a paper whose slot in the pool (-1: none) is known. */
function scoreAt(c: Contributions, pool: CandidatePool, slot: number, rowid: number): number {
  let score = (c.light.get(rowid) ?? 0) + (slot < 0 ? 0 : pool.listed[slot]!)
  for (let h = 0; h < c.heads.length; h++) {
    const { list, certain } = c.heads[h]!
    if (certain && !list.complete && (slot < 0 || pool.inList[h]![slot] === 0)) {
      score += floorOf(list) * MISSING_SHARE
    }
  }
  return score
}

/** The most each candidate can score: the listed impacts where known, a list's floor where not. */
function upperBounds(c: Contributions, pool: CandidatePool): Float64Array {
  const bounds = Float64Array.from(pool.listed)
  if (c.light.size > 0) {
    for (let slot = 0; slot < pool.size; slot++) bounds[slot] = bounds[slot]! + (c.light.get(pool.rowids[slot]!) ?? 0)
  }
  for (let h = 0; h < c.heads.length; h++) {
    const floor = floorOf(c.heads[h]!.list)
    if (floor === 0) continue
    const held = pool.inList[h]!
    for (let slot = 0; slot < pool.size; slot++) if (held[slot] === 0) bounds[slot] = bounds[slot]! + floor
  }
  return bounds
}

function floorOf(list: TermList): number {
  return list.complete || list.impacts.length === 0 ? 0 : list.impacts[list.impacts.length - 1]!
}

/** The rare atoms' contributions: one FTS5 ranking over them alone, each paper's bm25 sum. */
export async function lightScores(db: Db, expression: string | null): Promise<Map<number, number>> {
  if (!expression) return new Map()
  const { rows } = await sql<{ rowid: number; score: number }>`select rowid, -rank as score from search
    where search match ${expression}`.execute(db.kysely)
  return new Map(rows.map((r) => [r.rowid, r.score]))
}

/** Every match of the query (no ranking: FTS5 only walks the posting lists), for a query of few matches. */
export async function allMatches(db: Db, match: string, filters: RawBuilder<unknown> | null): Promise<number[]> {
  // Papers are read only to filter: a row of papers costs more to reach than its index entry.
  const { rows } = filters
    ? await sql<{ rowid: number }>`select search.rowid as rowid from search
        join papers p on p.rowid = search.rowid where search match ${match} and ${filters}`.execute(db.kysely)
    : await sql<{ rowid: number }>`select rowid from search where search match ${match}`.execute(db.kysely)
  return rows.map((r) => r.rowid)
}

/** The highest papers rowid now: a list made before it may miss papers (its tail). */
export async function newestRowid(db: Db): Promise<number> {
  const { rows } = await sql<{ m: number | null }>`select max(rowid) as m from papers`.execute(db.kysely)
  return rows[0]?.m ?? 0
}

/**
 * Papers written after a list was made, matching its atom: they are candidates too. Asked only of
 * the lists older than the newest paper: FTS5 re-expands a prefix for the question even when no
 * paper follows, and the bound rowid goes in as an integer, since FTS5 ignores a rowid range bound
 * as a float (every JS number, to better-sqlite3) and walks the whole posting list instead.
 */
export async function tailOf(
  db: Db,
  lists: { expression: string; list: StoredList }[],
  newest: number,
): Promise<number[]> {
  const tails = await Promise.all(
    lists
      .filter(({ list }) => list.maxRowid < newest)
      .map(async ({ expression, list }) => {
        const { rows } = await sql<{ rowid: number }>`select rowid from search
          where search match ${expression} and rowid > ${BigInt(list.maxRowid)}`.execute(db.kysely)
        return rows.map((r) => r.rowid)
      }),
  )
  return tails.flat()
}

/**
 * The best `need` matches among the candidates, by estimated score: candidates are checked against
 * the whole query (groups, exclusions, categories, filters) best bound first, until the `need`-th
 * best found scores at least what any unchecked candidate or unlisted paper could. Taken from a
 * heap by bound: a search usually stops within its first few hundred of ~20,000 candidates.
 * Null when the lists run out before `enough` (the page's own end) are found: then the caller
 * ranks every match.
 */
export async function verifiedTop(
  c: Contributions,
  pool: CandidatePool,
  check: Check,
  need: number,
  enough: number,
): Promise<{ rowid: number; score: number }[] | null> {
  const order = pool.kept
    ? new SortedSlots((pool.byBound ??= boundOrder(c, pool)))
    : new BoundHeap(upperBounds(c, pool), pool.size)
  const found: { rowid: number; score: number }[] = []
  const unseen = unseenBound(c.heads.map((h) => h.list))
  let checked = 0
  let batchSize = VERIFY_BATCH
  while (order.size > 0) {
    const batch = order.take(batchSize)
    const ok = await check(Array.from(batch, (slot) => pool.rowids[slot]!))
    for (const slot of batch) {
      const rowid = pool.rowids[slot]!
      if (ok.has(rowid)) found.push({ rowid, score: scoreAt(c, pool, slot, rowid) })
    }
    checked += batch.length
    if (found.length >= need) {
      found.sort((a, b) => b.score - a.score || a.rowid - b.rowid)
      const kth = found[need - 1]!.score
      if ((order.size === 0 || order.peekBound() <= kth) && unseen <= kth) break
      if (checked >= MAX_CHECKS) break
      batchSize = VERIFY_BATCH
    } else if (checked >= MAX_SPARSE_CHECKS && found.length >= enough) {
      break
    } else if (ok.size < batch.length / 2) {
      // A rare filter: most candidates fail it, so fewer, larger statements.
      batchSize = Math.min(batchSize * 2, VERIFY_BATCH_MAX)
    }
  }
  if (found.length < Math.min(need, enough) && c.heads.some((h) => !h.list.complete)) return null
  found.sort((a, b) => b.score - a.score || a.rowid - b.rowid)
  return found.slice(0, need)
}

/** The pool's slots sorted by bound, as BoundHeap would give them out. */
function boundOrder(c: Contributions, pool: CandidatePool): BoundOrder {
  const bounds = upperBounds(c, pool)
  const slots = Int32Array.from(bounds.keys()).sort((a, b) => bounds[b]! - bounds[a]! || a - b)
  return { slots, bounds }
}

/** A kept order read from the start, one search's cursor over it: BoundHeap's answers without a heap. */
class SortedSlots {
  private next = 0

  constructor(private readonly order: BoundOrder) {}

  get size(): number {
    return this.order.slots.length - this.next
  }

  peekBound(): number {
    return this.order.bounds[this.order.slots[this.next]!]!
  }

  take(n: number): Int32Array {
    const out = this.order.slots.subarray(this.next, Math.min(this.next + n, this.order.slots.length))
    this.next += out.length
    return out
  }
}

/** Slots by bound, highest first (the lower slot, so rowid, first among equals): a binary heap over typed arrays. */
class BoundHeap {
  private readonly heap: Int32Array
  size: number

  constructor(
    private readonly bounds: Float64Array,
    size: number,
  ) {
    this.heap = new Int32Array(size)
    for (let i = 0; i < size; i++) this.heap[i] = i
    this.size = size
    for (let i = (size >> 1) - 1; i >= 0; i--) this.down(i)
  }

  peekBound(): number {
    return this.bounds[this.heap[0]!]!
  }

  /** Up to `n` slots, best first, out of the heap. */
  take(n: number): Int32Array {
    const out = new Int32Array(Math.min(n, this.size))
    for (let i = 0; i < out.length; i++) {
      out[i] = this.heap[0]!
      this.heap[0] = this.heap[--this.size]!
      this.down(0)
    }
    return out
  }

  private before(a: number, b: number): boolean {
    const x = this.bounds[a]!
    const y = this.bounds[b]!
    return x > y || (x === y && a < b)
  }

  private down(i: number): void {
    const { heap } = this
    for (;;) {
      const left = 2 * i + 1
      if (left >= this.size) return
      const right = left + 1
      const best = right < this.size && this.before(heap[right]!, heap[left]!) ? right : left
      if (!this.before(heap[best]!, heap[i]!)) return
      const t = heap[i]!
      heap[i] = heap[best]!
      heap[best] = t
      i = best
    }
  }
}

/** Ids, dates and upvotes of ranked rowids, in their order: kept by `members` while unchanged. */
export async function detailsOf(
  db: Db,
  ranked: readonly { rowid: number; score: number }[],
  members?: MemberStore,
): Promise<Scored[]> {
  if (ranked.length === 0) return []
  const rowids = ranked.map((r) => r.rowid)
  const rows = members
    ? await members.details(rowids, (missing) => readDetails(db, missing))
    : await readDetails(db, rowids)
  const byRowid = new Map(rows.map((r) => [r.rowid, r]))
  return ranked.flatMap((r) => {
    const row = byRowid.get(r.rowid)
    return row
      ? [{ id: row.id, rowid: r.rowid, score: r.score, publishedAt: row.published_at, upvotes: row.upvotes }]
      : []
  })
}

async function readDetails(db: Db, rowids: readonly number[]): Promise<PaperDetails[]> {
  const { rows } = await sql<PaperDetails>`select rowid, id, published_at, upvotes from papers
    where rowid in (select value from json_each(${JSON.stringify(rowids)}))`.execute(db.kysely)
  return rows
}
