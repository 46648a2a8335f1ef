import { Hono } from 'hono'
import { z } from 'zod'
import { HttpError } from '../../platform/http/http-error.js'
import { readJson } from '../../platform/http/json-body.js'
import { currentViewer } from '../../platform/http/viewer.js'
import { requireApiViewer } from '../accounts/api-tokens.js'
import { findUserById } from '../accounts/store.js'
import type { CommunityDeps } from '../routes.js'
import {
  addPaper,
  createOwnCollection,
  MAX_PAPERS,
  ownCollection,
  paperIdToRemove,
  readableCollection,
} from './access.js'
import { COLLECTION_WRITES } from './pages.js'
import { parseCollectionId } from './slug.js'
import {
  type Collection,
  collectionPaperIds,
  deleteCollection,
  listCollections,
  removeFromCollection,
  updateCollection,
} from './store.js'
import { collectionDescription, collectionName } from './validation.js'
import { collectionPath } from './views.js'

export const COLLECTIONS_API = '/api/v1/collections'

const created = z.object({
  name: collectionName,
  description: collectionDescription.default(''),
  public: z.boolean().default(false),
})
const changed = z
  .object({ name: collectionName, description: collectionDescription, public: z.boolean() })
  .partial()
  .strict()

/** `/api/v1/collections…`: a token holder's collections, read and changed as on the pages. */
export function collectionsApi({ db, site, now, limits }: CommunityDeps): Hono {
  const app = new Hono()
  const iso = () => new Date(now()).toISOString()
  const id = (raw: string) => parseCollectionId(raw)

  /** A collection as the API shows it; `ownerName` saves looking up the token holder's own name. */
  const json = async (c: Collection, withPapers = false, ownerName?: string) => {
    const owner = ownerName ? { username: ownerName } : await findUserById(db, c.userId)
    // A deleted account's collections went with it, as its pages did.
    if (!owner) throw new HttpError(404, 'There is no such collection, or it is private.')
    return {
      id: c.id,
      name: c.name,
      description: c.description,
      public: c.isPublic,
      owner: owner.username,
      url: `${site.baseUrl}${collectionPath(owner.username, c)}`,
      paper_count: c.paperCount,
      created_at: c.createdAt,
      updated_at: c.updatedAt,
      ...(withPapers && { papers: await collectionPaperIds(db, c.id, { limit: MAX_PAPERS, offset: 0 }) }),
    }
  }
  const writer = async () => {
    const viewer = requireApiViewer({ verified: true })
    await limits.consume(
      COLLECTION_WRITES,
      `user:${viewer.id}`,
      'Too many changes to collections in a minute; wait a moment.',
    )
    return viewer
  }

  app.get(COLLECTIONS_API, async (c) => {
    const viewer = requireApiViewer()
    const mine = await listCollections(db, viewer.id, { all: true })
    return c.json({ collections: await Promise.all(mine.map((m) => json(m, false, viewer.username))) })
  })

  app.post(COLLECTIONS_API, async (c) => {
    const viewer = await writer()
    const body = await readJson(c, created)
    const made = await createOwnCollection(
      db,
      viewer,
      { name: body.name, description: body.description, isPublic: body.public },
      iso(),
    )
    return c.json(await json(made, true), 201)
  })

  // A public collection can be read without a token; a private one only by its owner's.
  app.get(`${COLLECTIONS_API}/:id`, async (c) => {
    const collection = await readableCollection(db, id(c.req.param('id')), currentViewer())
    return c.json(await json(collection, true))
  })

  app.patch(`${COLLECTIONS_API}/:id`, async (c) => {
    const viewer = await writer()
    const collection = await ownCollection(db, id(c.req.param('id')), viewer)
    const body = await readJson(c, changed)
    await updateCollection(
      db,
      collection.id,
      { name: body.name, description: body.description, isPublic: body.public },
      iso(),
    )
    return c.json(await json(await ownCollection(db, collection.id, viewer), true))
  })

  app.delete(`${COLLECTIONS_API}/:id`, async (c) => {
    const viewer = await writer()
    const collection = await ownCollection(db, id(c.req.param('id')), viewer)
    await deleteCollection(db, collection.id)
    return c.body(null, 204)
  })

  // Old-style ids carry a slash: /api/v1/collections/3/papers/hep-th/9901001.
  app.put(`${COLLECTIONS_API}/:id/papers/:paperId{.+}`, async (c) => {
    const viewer = await writer()
    const collection = await ownCollection(db, id(c.req.param('id')), viewer)
    await addPaper(db, collection, c.req.param('paperId'), iso())
    return c.json(await json(await ownCollection(db, collection.id, viewer), true))
  })

  app.delete(`${COLLECTIONS_API}/:id/papers/:paperId{.+}`, async (c) => {
    const viewer = await writer()
    const collection = await ownCollection(db, id(c.req.param('id')), viewer)
    await removeFromCollection(db, collection.id, paperIdToRemove(c.req.param('paperId')), iso())
    return c.json(await json(await ownCollection(db, collection.id, viewer), true))
  })

  return app
}
