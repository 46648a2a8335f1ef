/**
 * Makes the candidate list of every common word after a rebuild, so that no reader waits for the
 * first ranking of "learning" (sqlite-lists.ts). Phrases, prefixes and fielded atoms get theirs
 * when first searched.
 */
import { sql } from 'kysely'
import type { Db } from '../../platform/db/connect.js'
import type { ListStore } from './sqlite-lists.js'
import { atomExpression } from './sqlite-match.js'

export async function prepareLists(
  db: Db,
  lists: ListStore,
  settings: { cheapCost: number },
  onProgress?: (done: number, total: number) => void,
): Promise<number> {
  await sql`delete from search_lists`.execute(db.kysely)
  lists.clear()
  // Categories (cs.lg, hep-th) are filters, never ranked: their tokens hold a dot or a hyphen.
  const { rows } = await sql<{ term: string }>`select term from search_vocab
    where doc > ${settings.cheapCost} and term not like '%.%' and term not like '%-%'`.execute(db.kysely)
  let done = 0
  for (const { term } of rows) {
    const key = atomExpression({ field: 'all', tokens: [term], phrase: false, prefix: false, text: term })
    await lists.get(key, key)
    onProgress?.(++done, rows.length)
  }
  return rows.length
}
