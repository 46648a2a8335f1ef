/**
 * Makes the candidate list of every common word after a rebuild, so that no reader waits for the
 * first ranking of "learning" (sqlite-lists.ts). Phrases, prefixes and fielded atoms get theirs
 * when first searched.
 */
import { availableParallelism } from 'node:os'
import { sql } from 'kysely'
import { type Db, sqliteHandle } from '../../platform/db/connect.js'
import { readFromWorker } from '../../platform/worker-stream.js'
import { type ListStore, saveList } from './sqlite-lists.js'
import type { ListsWork, MadeList } from './sqlite-lists-worker.js'
import { atomExpression } from './sqlite-match.js'

const WORKER = new URL('./sqlite-lists-worker.js', import.meta.url)
/**
 * Under this many common words, one thread ranks them all: a thread's start costs more than it
 * saves. At 2.7M papers there are ~3,000, each a ranking of 20,000 to a million matches.
 */
const THREADS_MIN_WORDS = 200

export interface PrepareSettings {
  cheapCost: number
  listSize: number
  /** Threads that rank the words; by default one a core (up to four) for a catalog with many. */
  listThreads?: number
}

/**
 * Remakes every common word's list. `merge` (FTS5's merge of a new index's segments) runs first,
 * or, when threads rank the words, while they do: ranking only reads, and the segments before the
 * merge hold the same index, so the merge's single core and the rankings share the machine.
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
  const keys = rows.map(({ term }) =>
    atomExpression({ field: 'all', tokens: [term], phrase: false, prefix: false, text: term }),
  )
  const { database } = sqliteHandle(db.kysely)!
  const threads = database.memory
    ? 0
    : (settings.listThreads ?? (keys.length >= THREADS_MIN_WORDS ? Math.min(4, availableParallelism()) : 0))
  let done = 0
  if (threads === 0) {
    await merge()
    for (const key of keys) {
      await lists.get(key, key)
      onProgress?.(++done, keys.length)
    }
    return keys.length
  }
  // Ranking is all the work (bm25 over every match of each word) and it only reads: each thread
  // ranks every threads-th word on its own connection, and this one keeps what they hand back,
  // after the merge, which holds this thread (the lists wait in the threads' messages meanwhile).
  const ranked = Promise.all(
    Array.from({ length: threads }, async (_, thread) => {
      const work: ListsWork = {
        path: database.name,
        keys: keys.filter((_, k) => k % threads === thread),
        size: settings.listSize,
      }
      for await (const { key, list } of readFromWorker<MadeList>(WORKER, work)) {
        await saveList(db, key, list)
        onProgress?.(++done, keys.length)
      }
    }),
  )
  await Promise.all([merge(), ranked])
  return keys.length
}
