/**
 * Makes the candidate list of every common word after a rebuild, so that no reader waits for the
 * first ranking of "learning" (sqlite-lists.ts), in one pass over the papers (sqlite-lists-pass.ts).
 * Phrases, prefixes and fielded atoms get theirs when first searched.
 */
import { availableParallelism } from 'node:os'
import type SQLite from 'better-sqlite3'
import { sql } from 'kysely'
import { type Db, sqliteHandle } from '../../platform/db/connect.js'
import { readFromWorker, readFromWorkers } from '../../platform/worker-stream.js'
import { type ListStore, type StoredList, saveList } from './sqlite-lists.js'
import { indexTotals, ListsPass, WordCounter, type WordCounts } from './sqlite-lists-pass.js'
import { atomExpression } from './sqlite-match.js'
import { tokenizedBatches } from './sqlite-rebuild-rows.js'

const LISTS_WORKER = new URL('./sqlite-lists-worker.js', import.meta.url)
const COUNTS_WORKER = new URL('./sqlite-counts-worker.js', import.meta.url)
/** Under this many papers the pass runs here: threads' start costs more than they save. */
const THREAD_MIN_PAPERS = 5_000
/**
 * The most bytes of the words' heaps one pass holds (a paper in a heap: its score and rowid), so
 * that memory stays bounded whatever the catalog: the ~3,000 common words of 2.7M papers, lists
 * of 10,000, fit in one pass (360 MB); a larger catalog reads its papers once more for the rest.
 */
const PASS_BYTES = 384 << 20
const BYTES_PER_PAPER = 12

export interface PrepareSettings {
  cheapCost: number
  listSize: number
  /**
   * Threads that tokenize the papers for the lists, each a share of the rowids; by default, for a
   * catalog on disk of THREAD_MIN_PAPERS or more, one a core (up to four). 0: all in this thread.
   */
  listThreads?: number
  /** The most bytes of heaps one pass over the papers holds; by default PASS_BYTES. */
  listPassBytes?: number
}

/** The work of the lists' thread, which scores what `threads` others count (sqlite-lists-worker.ts). */
export interface ListsWork {
  path: string
  words: string[]
  size: number
  threads: number
}

/** The work of a thread that counts the common words of the papers after `after` up to `until`. */
export interface CountsWork {
  path: string
  words: string[]
  after: number
  until: number
}

/** What the pass hands back: how many papers it has read, then each word's list. */
export type ListsMessage = { read: number; of: number } | { word: string; list: StoredList }

/**
 * Remakes every common word's list. `merge` (FTS5's merge of a new index's segments) runs first,
 * or, when threads read the papers, while they do: the pass reads only the papers and FTS5's
 * totals, which the merge leaves as they are, so the merge's single core and the pass share the
 * machine. Reports progress in papers read.
 */
export async function prepareLists(
  db: Db,
  lists: ListStore,
  settings: PrepareSettings,
  merge: () => Promise<void> = async () => {},
  onProgress?: (done: number, total: number) => void,
): Promise<number> {
  await sql`delete from search_lists`.execute(db.kysely)
  lists.clear()
  // Categories (cs.lg, hep-th) are filters, never ranked: their tokens hold a dot or a hyphen.
  const { rows } = await sql<{ term: string }>`select term from search_vocab
    where doc > ${settings.cheapCost} and term not like '%.%' and term not like '%-%'`.execute(db.kysely)
  const words = rows.map(({ term }) => term)
  if (words.length === 0) {
    await merge()
    return 0
  }
  const { database } = sqliteHandle(db.kysely)!
  const papers = indexTotals(averagesRecord(database)).rows
  const threads =
    settings.listThreads ?? (database.memory || papers < THREAD_MIN_PAPERS ? 0 : Math.min(4, availableParallelism()))
  // Each word's heap holds up to listSize papers: past the budget, the words take more passes.
  const perPass = Math.max(
    1,
    Math.floor((settings.listPassBytes ?? PASS_BYTES) / (settings.listSize * BYTES_PER_PAPER)),
  )
  const groups = Array.from({ length: Math.ceil(words.length / perPass) }, (_, g) =>
    words.slice(g * perPass, (g + 1) * perPass),
  )
  const passes = async () => {
    for (const [g, group] of groups.entries()) {
      const messages =
        threads === 0
          ? passOverPapers(database, group, settings.listSize, (after, until) =>
              countsHere(database, group, after, until),
            )
          : readFromWorker<ListsMessage>(LISTS_WORKER, {
              path: database.name,
              words: group,
              size: settings.listSize,
              threads,
            } satisfies ListsWork)
      for await (const message of messages) {
        if ('read' in message) onProgress?.(g * message.of + message.read, groups.length * message.of)
        else await saveList(db, listKey(message.word), message.list)
      }
    }
  }
  if (threads === 0) {
    await merge()
    await passes()
  } else {
    // The threads' messages wait while the merge holds this thread, and are kept once it is done.
    await Promise.all([merge(), passes()])
  }
  return words.length
}

/** A word's key among the lists: its search expression, as a query of the word alone asks it. */
function listKey(word: string): string {
  return atomExpression({ field: 'all', tokens: [word], phrase: false, prefix: false, text: word })
}

/** Counts the papers' common words, batch by batch, from rowid `after` (excluded) to `until`. */
type CountPapers = (after: number, until: number) => AsyncIterable<WordCounts> | Iterable<WordCounts>

/**
 * Reads every paper, tokenized as the index holds it, counts its common words with `count`, and
 * gives progress, then each word's list.
 */
export async function* passOverPapers(
  database: SQLite.Database,
  words: string[],
  size: number,
  count: CountPapers,
): AsyncGenerator<ListsMessage> {
  const totals = indexTotals(averagesRecord(database))
  const maxRowid = (database.prepare('select max(rowid) from papers').pluck().get() as number | null) ?? 0
  const pass = new ListsPass(words, size, totals)
  let read = 0
  for await (const counts of count(0, maxRowid)) {
    pass.add(counts)
    read += counts.rowids.length
    yield { read, of: totals.rows }
  }
  // SQLite's ln() is the C library's log, which FTS5's bm25 calls.
  const ln = database.prepare('select ln(?)').pluck()
  for (const [word, list] of pass.lists(maxRowid, (x) => ln.get(x) as number)) yield { word, list }
}

/** Counts in this thread. */
export function* countsHere(database: SQLite.Database, words: string[], after: number, until: number) {
  const counter = new WordCounter(words)
  for (const rows of tokenizedBatches(database, after, until)) yield counter.count(rows)
}

/** Counts in `threads` threads (sqlite-counts-worker.ts), each an equal share of the rowids. */
export function countsInThreads(path: string, words: string[], threads: number): CountPapers {
  return (after, until) => {
    const share = Math.ceil((until - after) / threads)
    const works: CountsWork[] = Array.from({ length: threads }, (_, i) => ({
      path,
      words,
      after: after + i * share,
      until: i === threads - 1 ? until : after + (i + 1) * share,
    }))
    return readFromWorkers<WordCounts>(COUNTS_WORKER, works)
  }
}

/** FTS5's record of its totals (the row of id 1 of its `_data` table): bm25's N and mean length. */
function averagesRecord(database: SQLite.Database): Uint8Array {
  const block = database.prepare('select block from search_data where id = 1').pluck().get() as Uint8Array | undefined
  return block ?? new Uint8Array()
}
