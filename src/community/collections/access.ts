import { parsePaperId } from '../../papers/arxiv-id.js'
import { getPapers } from '../../papers/store.js'
import type { Db } from '../../platform/db/connect.js'
import { HttpError } from '../../platform/http/http-error.js'
import type { Viewer } from '../../platform/http/viewer.js'
import { addToCollection, type Collection, countCollections, createCollection, findCollection } from './store.js'
import type { CollectionFields } from './validation.js'

/** Enough for any reading habit; past it, a script filling the database is more likely than a reader. */
export const MAX_COLLECTIONS = 200
export const MAX_PAPERS = 2000

const notFound = () => new HttpError(404, 'There is no such collection, or it is private.')

/** A collection `viewer` may read: public, or their own. Anyone else's private one is "not found". */
export async function readableCollection(db: Db, id: number | null, viewer: Viewer | null): Promise<Collection> {
  const collection = id === null ? null : await findCollection(db, id)
  if (!collection || (!collection.isPublic && collection.userId !== viewer?.id)) throw notFound()
  return collection
}

/** A collection `viewer` may change: only their own (403 for anyone else's). */
export async function ownCollection(db: Db, id: number | null, viewer: Viewer): Promise<Collection> {
  const collection = id === null ? null : await findCollection(db, id)
  if (!collection) throw notFound()
  if (collection.userId !== viewer.id)
    throw new HttpError(403, 'This collection belongs to someone else; only its owner can change it.')
  return collection
}

export async function createOwnCollection(
  db: Db,
  viewer: Viewer,
  fields: CollectionFields,
  now: string,
): Promise<Collection> {
  if ((await countCollections(db, viewer.id)) >= MAX_COLLECTIONS) {
    throw new HttpError(409, `You have ${MAX_COLLECTIONS} collections, the most one member can keep; delete one first.`)
  }
  return createCollection(db, viewer.id, fields, now)
}

/** Adds the catalog paper `rawId` names (any arXiv id form) to `collection`; returns its id. */
export async function addPaper(db: Db, collection: Collection, rawId: string, now: string): Promise<string> {
  const id = rawId.length <= 100 ? parsePaperId(rawId) : null
  if (!id) throw new HttpError(400, 'That is not a paper id; ids look like 2401.00001 or hep-th/9901001.')
  const [paper] = await getPapers(db, [id.id])
  if (!paper) throw new HttpError(404, `There is no paper ${id.id} in this catalog.`)
  if (collection.paperCount >= MAX_PAPERS) {
    throw new HttpError(409, `A collection holds at most ${MAX_PAPERS} papers; start another one.`)
  }
  await addToCollection(db, collection.id, paper.id, now)
  return paper.id
}

/** A paper id from a form or a path, for removing: any id form, the catalog not asked. */
export function paperIdToRemove(rawId: string): string {
  const id = rawId.length <= 100 ? parsePaperId(rawId) : null
  if (!id) throw new HttpError(400, 'That is not a paper id; ids look like 2401.00001 or hep-th/9901001.')
  return id.id
}
