import { MAX_COLLECTIONS, MAX_PAPERS } from '../community/collections/access.js'
import {
  addToCollection,
  type Collection,
  countCollections,
  createCollection,
  findCollection,
  listCollections,
  updateCollection,
} from '../community/collections/store.js'
import type { Db } from '../platform/db/connect.js'

/** Where imported papers go: a member's collection by number, or by name (made when missing). */
export type CollectionTarget = { id: number } | { name: string; description?: string; isPublic?: boolean }

export type FillOutcome =
  | { kind: 'filled'; collection: Collection; created: boolean; added: number; full: string[] }
  | { kind: 'refused'; reason: string }

/**
 * Puts papers (catalog ids, in the order given) into one of `userId`'s collections, in one
 * transaction: a collection is imported whole or not at all. A collection found by name keeps its
 * description and visibility and gains the papers it lacked (importing twice adds nothing);
 * `addedAt` keeps a paper's place in the list when a file says when it was added; otherwise the
 * list shows them in the order given. Papers past
 * the collection's size limit are returned in `full`.
 */
export async function fillCollection(
  db: Db,
  userId: number,
  target: CollectionTarget,
  papers: readonly { id: string; addedAt?: string }[],
  now: string,
): Promise<FillOutcome> {
  return db.kysely.transaction().execute(async (trx) => {
    const tx: Db = { ...db, kysely: trx }
    let collection: Collection | null
    let created = false
    if ('id' in target) {
      collection = await findCollection(tx, target.id)
      if (!collection || collection.userId !== userId)
        return { kind: 'refused', reason: 'that collection is not yours' }
    } else {
      collection = (await listCollections(tx, userId, { all: true })).find((c) => c.name === target.name) ?? null
      if (!collection) {
        if ((await countCollections(tx, userId)) >= MAX_COLLECTIONS)
          return { kind: 'refused', reason: `you have ${MAX_COLLECTIONS} collections, the most one member can keep` }
        const fields = { name: target.name, description: target.description ?? '', isPublic: !!target.isPublic }
        collection = await createCollection(tx, userId, fields, now)
        created = true
      }
    }
    let room = MAX_PAPERS - collection.paperCount
    let added = 0
    const full: string[] = []
    const start = Date.parse(now)
    for (const [i, paper] of papers.entries()) {
      if (room <= 0) {
        full.push(paper.id)
        continue
      }
      // A millisecond apart, so that the list (newest first) shows the papers in the file's order.
      const addedAt = paper.addedAt ?? new Date(start - i).toISOString()
      if (await addToCollection(tx, collection.id, paper.id, addedAt)) {
        added++
        room--
      }
    }
    // addToCollection marks the list changed when each paper was added; the import is the change.
    if (added > 0 || created) await updateCollection(tx, collection.id, {}, now)
    return { kind: 'filled', collection: (await findCollection(tx, collection.id))!, created, added, full }
  })
}
