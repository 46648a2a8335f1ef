/**
 * Every paper matching an atom, read once from FTS5 and kept: whether a candidate holds a group is
 * then a lookup, where FTS5 answers a `rowid IN (…)` check one rowid at a time (~25 µs each, and a
 * prefix expanded again for every rowid). At 2.7M papers those checks were a quarter of a search's
 * time over the benchmark's mix (docs/decisions/0016-search.md, "Members").
 *
 * Exact, not a guess: a set holds the papers that matched when it was read, up to the highest rowid
 * then. A paper written since is not answered by it. Every write to the index moves the paper's
 * `modified_at`, so whenever anything was committed (another connection's commits move `pragma
 * data_version`, this connection's own writes `total_changes()`), the papers modified since a little
 * before the last look are added to those left to FTS5.
 */
import { type Db, type SqliteHandle, sqliteHandle } from '../../platform/db/connect.js'
import type { PublishedRange } from './sqlite-filters.js'

/** What a set says of a paper: matches, does not, or cannot tell (FTS5 must). */
export type Verdict = boolean | undefined

export interface MemberSet {
  holds(rowid: number): Verdict
}

/** What the boosts read of a ranked paper. */
export interface PaperDetails {
  rowid: number
  id: string
  published_at: string | null
  upvotes: number
}

export interface MemberStore {
  /** Reads what changed since the sets were read, if anything was committed: once a search. */
  refresh(): void
  /** The atom's set (its FTS5 expression), read now when it has none. */
  get(expression: string): MemberSet
  /**
   * The papers published in the range, read now from the papers' date index when not kept; null
   * when the range holds more than RANGE_ROWS papers (a set that says yes to most is worth little).
   */
  published(range: PublishedRange): MemberSet | null
  /**
   * The papers' details, from memory where kept and unchanged, the rest from `read` (and kept):
   * a search reads those of its best 200 matches, ~3 µs a row at 2.7M papers.
   */
  details(rowids: readonly number[], read: (rowids: number[]) => Promise<PaperDetails[]>): Promise<PaperDetails[]>
  /** Forgets every set (the index was rebuilt). */
  clear(): void
}

/** The bytes of sets one connection keeps, least recently used dropped first: ~24 bit sets at 2.7M papers. */
const MEMBER_BYTES = 8 << 20
/**
 * A writer stamps `modified_at` before it commits: a paper stamped up to this long before a set was
 * read may have been committed after it. Batches commit within seconds; the margin only widens the
 * papers asked of FTS5.
 */
const COMMIT_MARGIN_MS = 5 * 60_000
/** Papers whose details are kept (~100 bytes each), least recently used dropped first. */
const KEPT_DETAILS = 20_000
/** Past this many papers changed since the sets were read, they are read again instead. */
const MOST_CHANGED = 20_000
/**
 * Papers past which a date range's set is not kept: reading one walks the date index (~4 million
 * rows a second), once, where each candidate it answers saves reading the paper's row.
 */
const RANGE_ROWS = 1_000_000

interface Stored {
  /** One bit a rowid up to `maxRowid`, or the rowids ascending when that takes fewer bytes. */
  bits: Uint8Array | null
  rowids: Int32Array | null
  maxRowid: number
  bytes: number
}

export function memberStore(db: Db, commitMarginMs = COMMIT_MARGIN_MS): MemberStore {
  const handle = sqliteHandle(db.kysely)
  if (!handle) throw new Error('member sets read SQLite’s own connection')
  const sets = new Map<string, Stored>()
  /** Date ranges found to hold more than RANGE_ROWS papers: not read again until everything kept is dropped. */
  const tooMany = new Set<string>()
  let bytes = 0
  /** Each with the look at which it was read: kept while no later look finds its paper changed. */
  const kept = new Map<number, { row: PaperDetails; look: number }>()
  /** The papers written since the sets were read (a superset): FTS5 answers for them. By the last look that found each. */
  let changed = new Map<number, number>()
  let look = 0
  /** Moves when everything kept is dropped: a set handed out before answers nothing after. */
  let generation = 0
  /** `modified_at` from which the next look at the papers reads; null while no set is kept. */
  let scanFrom: string | null = null
  let seenVersion = ''
  let lastDemoRemoved: string | null = null
  let lastNewest = 0
  // Commits by other connections move data_version, this connection's own writes total_changes().
  const version = () =>
    (handle.prepare('select data_version, total_changes() from pragma_data_version').raw().get() as number[]).join(':')

  const marginAgo = () => new Date(Date.now() - commitMarginMs).toISOString()
  const forget = () => {
    generation++
    sets.clear()
    tooMany.clear()
    kept.clear()
    bytes = 0
    changed = new Map()
    scanFrom = null
  }
  // Each look reads only what was stamped since a margin before the last one: the set grows.
  const readChanged = () => {
    seenVersion = version()
    // Papers are deleted only when the demo set is removed (papers/demo/store.ts), which records
    // when; a rowid that went away is no longer stamped: everything kept is dropped instead.
    const [newest, demoRemoved] = handle
      .prepare('select (select max(rowid) from papers), (select removed_at from demo_removal limit 1)')
      .raw()
      .get() as [number | null, string | null]
    if (demoRemoved !== lastDemoRemoved || (newest ?? 0) < lastNewest) forget()
    lastDemoRemoved = demoRemoved
    lastNewest = newest ?? 0
    if (scanFrom === null) return
    const from = scanFrom
    scanFrom = marginAgo()
    const rows = handle
      .prepare('select rowid from papers where modified_at >= ? limit ?')
      .pluck()
      .all(from, MOST_CHANGED + 1) as number[]
    look++
    for (const rowid of rows) changed.set(rowid, look)
    if (changed.size > MOST_CHANGED) forget()
  }
  const view = (stored: Stored, made = generation): MemberSet => ({
    holds(rowid) {
      if (made !== generation || rowid > stored.maxRowid || changed.has(rowid)) return undefined
      if (stored.bits) return (stored.bits[rowid >>> 3]! & (1 << (rowid & 7))) !== 0
      return sortedHas(stored.rowids!, rowid)
    },
  })
  /** The set kept under `key`, else read now and kept, the least recently used dropped past MEMBER_BYTES. */
  const keptSet = (key: string, read: () => Stored | null): MemberSet | null => {
    let stored = sets.get(key)
    if (stored) {
      sets.delete(key)
      sets.set(key, stored)
      return view(stored)
    }
    scanFrom ??= marginAgo()
    const made = generation
    stored = read() ?? undefined
    if (!stored) {
      tooMany.add(key)
      return null
    }
    sets.set(key, stored)
    bytes += stored.bytes
    for (const [other, old] of sets) {
      if (bytes <= MEMBER_BYTES || other === key) break
      sets.delete(other)
      bytes -= old.bytes
    }
    // Papers committed while it was read but stamped before: asked of FTS5 from now on.
    readChanged()
    return view(stored, made)
  }
  return {
    refresh() {
      if (version() !== seenVersion) readChanged()
    },
    get(expression) {
      return keptSet(expression, () => readSet(handle, expression))!
    },
    published(range) {
      const key = `published ${range.from ?? ''}..${range.until ?? ''}`
      return tooMany.has(key) ? null : keptSet(key, () => readRange(handle, range))
    },
    async details(rowids, read) {
      const found = new Map<number, PaperDetails>()
      const missing: number[] = []
      for (const rowid of rowids) {
        const at = kept.get(rowid)
        if (at !== undefined && (changed.get(rowid) ?? -1) <= at.look) found.set(rowid, at.row)
        else missing.push(rowid)
      }
      if (missing.length > 0) {
        const watching = scanFrom !== null
        scanFrom ??= marginAgo()
        const readAt = look
        for (const row of await read(missing)) {
          found.set(row.rowid, row)
          kept.delete(row.rowid)
          kept.set(row.rowid, { row, look: readAt })
        }
        for (const oldest of kept.keys()) {
          if (kept.size <= KEPT_DETAILS) break
          kept.delete(oldest)
        }
        // What was committed while they were read, stamped before: read again next time.
        if (!watching) readChanged()
      }
      return rowids.flatMap((rowid) => {
        const row = found.get(rowid)
        return row ? [row] : []
      })
    },
    clear: forget,
  }
}

/**
 * The atom's matches: every paper up to the highest rowid, read first, so none is missed between.
 */
function readSet(handle: SqliteHandle, expression: string): Stored {
  const statement = handle.prepare('select rowid from search where search match ? and rowid <= ?').pluck()
  return storedOf(handle, (maxRowid) => statement.iterate(expression, BigInt(maxRowid)) as IterableIterator<number>)!
}

/** The papers published in the range, by the date index; null past RANGE_ROWS of them. */
function readRange(handle: SqliteHandle, { from, until }: PublishedRange): Stored | null {
  const statement = handle
    .prepare(
      `select rowid from papers where published_at >= ? ${until === null ? '' : 'and published_at < ?'} and rowid <= ? limit ?`,
    )
    .pluck()
  // No start still leaves out the papers without a date, as `published_at >= …` does.
  const bounds = until === null ? [from ?? ''] : [from ?? '', until]
  return storedOf(
    handle,
    (maxRowid) => statement.iterate(...bounds, maxRowid, RANGE_ROWS + 1) as IterableIterator<number>,
    RANGE_ROWS,
  )
}

/**
 * A set of the rowids `rows` yields up to the highest rowid now, or null past `most` of them.
 * Written as bits straight away (no growing array of a million rowids on the heap), then kept as
 * rowids when those take fewer bytes.
 */
function storedOf(
  handle: SqliteHandle,
  rows: (maxRowid: number) => IterableIterator<number>,
  most = Infinity,
): Stored | null {
  const maxRowid = (handle.prepare('select max(rowid) from papers').pluck().get() as number | null) ?? 0
  const bits = new Uint8Array((maxRowid >>> 3) + 1)
  let n = 0
  for (const rowid of rows(maxRowid)) {
    if (++n > most) return null
    bits[rowid >>> 3] = bits[rowid >>> 3]! | (1 << (rowid & 7))
  }
  if (n * 4 > bits.byteLength) return { bits, rowids: null, maxRowid, bytes: bits.byteLength }
  const rowids = new Int32Array(n)
  let k = 0
  for (let byte = 0; byte < bits.length; byte++) {
    const b = bits[byte]!
    if (b === 0) continue
    for (let bit = 0; bit < 8; bit++) if (b & (1 << bit)) rowids[k++] = byte * 8 + bit
  }
  return { bits: null, rowids, maxRowid, bytes: rowids.byteLength }
}

function sortedHas(rowids: Int32Array, rowid: number): boolean {
  let low = 0
  let high = rowids.length - 1
  while (low <= high) {
    const middle = (low + high) >>> 1
    const at = rowids[middle]!
    if (at < rowid) low = middle + 1
    else if (at > rowid) high = middle - 1
    else return true
  }
  return false
}
