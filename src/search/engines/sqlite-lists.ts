/**
 * Candidate lists for SQLite's common terms: each atom's best papers with their own share of the
 * bm25 score ("impact"), and how many papers hold it (docs/decisions/0016-search.md).
 *
 * Why lists: FTS5's bm25 counts every paper holding a phrase before it scores anything (its IDF),
 * so any ranked query over a word in a third of the catalog costs a pass over that word's whole
 * posting list. bm25 is a sum over the query's phrases, so an atom's contribution to a paper's
 * score is the same in every query: ranked once, alone, it is kept here and reused.
 */
import { sql } from 'kysely'
import type { Db } from '../../platform/db/connect.js'
import type { TermList } from '../candidates.js'

export interface StoredList extends TermList {
  /** The highest papers rowid when the list was made: later papers are not in it. */
  maxRowid: number
}

/**
 * The bytes of lists kept in memory, most recently used last (Map order): ~200 KB a list of
 * 10,000 papers with its rowid order (sqlite-bounded.ts), so some 360 of them, each search worker
 * its own.
 */
const LIST_BYTES_IN_MEMORY = 72 << 20

export interface ListStore {
  /**
   * The atom's list, from memory, the table, or ranked now (once) when it has none. With
   * `newest`, a list made before that papers rowid is ranked again (for atoms cheap to rank), and
   * one made now is kept in memory only: ranking it costs a few milliseconds, it is stale after
   * the next import anyway, and the table would take a write and a row for every rare word searched.
   */
  get(key: string, expression: string, newest?: number): Promise<StoredList>
  /** Forgets every list (the index was rebuilt). */
  clear(): void
}

/** Keeps a list made on first use for every later reader: in `search_lists`, unless told otherwise. */
export type SaveList = (key: string, list: StoredList) => Promise<void>

export function listStore(db: Db, size: number, save: SaveList = (key, list) => saveList(db, key, list)): ListStore {
  const memory = new Map<string, StoredList>()
  let bytes = 0
  const remember = (key: string, list: StoredList) => {
    const old = memory.get(key)
    if (old) bytes -= byteSize(old)
    memory.delete(key)
    memory.set(key, list)
    bytes += byteSize(list)
    for (const [oldest, dropped] of memory) {
      if (bytes <= LIST_BYTES_IN_MEMORY || oldest === key) break
      memory.delete(oldest)
      bytes -= byteSize(dropped)
    }
    return list
  }
  return {
    async get(key, expression, newest = 0) {
      const cached = memory.get(key)
      if (cached && cached.maxRowid >= newest) return remember(key, cached)
      const stored = await loadList(db, key)
      if (stored && (stored.complete || stored.rowids.length >= size) && stored.maxRowid >= newest) {
        return remember(key, stored)
      }
      const made = await makeList(db, expression, size)
      if (newest === 0) await save(key, made)
      return remember(key, made)
    },
    clear: () => {
      memory.clear()
      bytes = 0
    },
  }
}

/** A list's bytes, and those of the rowid order a search makes of it (two more arrays of rowids). */
function byteSize(list: StoredList): number {
  return 3 * list.rowids.byteLength + list.impacts.byteLength
}

/** Ranks the atom alone, as FTS5 would inside any query, and keeps its best `size` papers. */
export async function makeList(db: Db, expression: string, size: number): Promise<StoredList> {
  const [{ rows: ranked }, { rows: max }] = await Promise.all([
    sql<{ rowid: number; impact: number }>`select rowid, -rank as impact from search
      where search match ${expression} order by rank limit ${size + 1}`.execute(db.kysely),
    sql<{ m: number | null }>`select max(rowid) as m from papers`.execute(db.kysely),
  ])
  const kept = ranked.slice(0, size)
  return {
    rowids: Int32Array.from(kept, (r) => r.rowid),
    impacts: Float64Array.from(kept, (r) => r.impact),
    complete: ranked.length <= size,
    maxRowid: max[0]?.m ?? 0,
  }
}

async function loadList(db: Db, key: string): Promise<StoredList | null> {
  const { rows } = await sql<{ max_rowid: number; complete: number; rowids: Uint8Array; impacts: Uint8Array }>`
    select max_rowid, complete, rowids, impacts from search_lists where key = ${key}`.execute(db.kysely)
  const row = rows[0]
  if (!row) return null
  return {
    rowids: new Int32Array(copy(row.rowids).buffer),
    impacts: new Float64Array(copy(row.impacts).buffer),
    complete: row.complete === 1,
    maxRowid: row.max_rowid,
  }
}

/** A blob's bytes in a buffer of their own, aligned for a typed-array view. */
function copy(bytes: Uint8Array): Uint8Array {
  return Uint8Array.from(bytes)
}

export async function saveList(db: Db, key: string, list: StoredList): Promise<void> {
  await sql`insert or replace into search_lists (key, max_rowid, complete, rowids, impacts)
    values (${key}, ${list.maxRowid}, ${list.complete ? 1 : 0},
      ${Buffer.from(list.rowids.buffer, list.rowids.byteOffset, list.rowids.byteLength)},
      ${Buffer.from(list.impacts.buffer, list.impacts.byteOffset, list.impacts.byteLength)})`.execute(db.kysely)
}
