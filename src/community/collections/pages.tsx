import { type Context, Hono } from 'hono'
import { parsePaperId } from '../../papers/arxiv-id.js'
import { paperPath } from '../../papers/paths.js'
import { getPapers } from '../../papers/store.js'
import { HttpError } from '../../platform/http/http-error.js'
import type { Limit } from '../../platform/http/rate-limit.js'
import { currentViewer, type Viewer } from '../../platform/http/viewer.js'
import { readForm, safeNext, signedIn } from '../accounts/forms.js'
import { findUserByName } from '../accounts/store.js'
import { COLLECTION_ROUTE, COLLECTIONS_ROUTE, collectionsPath } from '../profiles/paths.js'
import { pageNumber } from '../profiles/page-number.js'
import type { CommunityDeps } from '../routes.js'
import { addPaper, createOwnCollection, ownCollection, paperIdToRemove, readableCollection } from './access.js'
import { collectionIdOf, collectionSlug, parseCollectionId } from './slug.js'
import { paperChange, type PaperChange } from '../../follows/paper-change.js'
import { viewerFollow } from '../../follows/viewer-follows.js'
import type { Paper } from '../../papers/model.js'
import type { Db } from '../../platform/db/connect.js'
import {
  addedDates,
  collectionPaperIds,
  deleteCollection,
  listCollections,
  removeFromCollection,
  updateCollection,
} from './store.js'
import { collectionForm, fieldErrors } from './validation.js'
import { CollectionPage, CollectionsPage, collectionPath } from './views.js'

const NO_STORE = { 'Cache-Control': 'no-store' }
export const PAPERS_PER_PAGE = 50
/** Creating, renaming, adding and removing: generous for a person, a wall for a script. */
export const COLLECTION_WRITES: Limit = { name: 'collection-writes', points: 120, durationS: 60 }

/** The collections pages, and the form POSTs that change a member's own collections. */
export function collectionPages({ db, site, now, limits }: CommunityDeps): Hono {
  const app = new Hono()
  const iso = () => new Date(now()).toISOString()

  const ownerOr404 = async (username: string) => {
    const owner = username.length <= 100 ? await findUserByName(db, username) : null
    if (!owner) throw new HttpError(404, `There is no member called “${username.slice(0, 100)}”.`)
    return owner
  }

  app.get(COLLECTIONS_ROUTE, async (c) => {
    const owner = await ownerOr404(c.req.param('username'))
    if (c.req.param('username') !== owner.username) return c.redirect(collectionsPath(owner.username), 301)
    const isOwner = currentViewer()?.id === owner.id
    const collections = await listCollections(db, owner.id, { all: isOwner })
    return c.html(
      <CollectionsPage site={site} owner={owner} collections={collections} isOwner={isOwner} />,
      200,
      isOwner ? NO_STORE : {},
    )
  })

  app.get(COLLECTION_ROUTE, async (c) => {
    const owner = await ownerOr404(c.req.param('username'))
    const viewer = currentViewer()
    const collection = await readableCollection(db, collectionIdOf(c.req.param('slug')), viewer)
    if (collection.userId !== owner.id) throw new HttpError(404, 'There is no such collection, or it is private.')
    const page = pageNumber(c.req.query('page'))
    const canonical = collectionPath(owner.username, collection)
    // A renamed collection keeps its id, so an old link lands on the new address.
    if (
      c.req.param('slug') !== collectionSlug(collection.id, collection.name) ||
      c.req.param('username') !== owner.username
    ) {
      return c.redirect(page > 1 ? `${canonical}?page=${page}` : canonical, 301)
    }
    const ids = await collectionPaperIds(db, collection.id, {
      limit: PAPERS_PER_PAGE + 1,
      offset: (page - 1) * PAPERS_PER_PAGE,
    })
    const papers = await getPapers(db, ids.slice(0, PAPERS_PER_PAGE))
    const isOwner = viewer?.id === owner.id
    const changes = isOwner ? await changesSinceAdded(db, collection.id, papers) : undefined
    const follow =
      isOwner || !collection.isPublic ? undefined : await viewerFollow(db, 'collection', String(collection.id))
    return c.html(
      <CollectionPage
        site={site}
        owner={owner}
        collection={collection}
        papers={papers}
        isOwner={isOwner}
        page={page}
        hasNext={ids.length > PAPERS_PER_PAGE}
        changes={changes}
        following={follow === undefined ? undefined : follow !== null}
      />,
      200,
      collection.isPublic && !isOwner ? {} : NO_STORE,
    )
  })

  /** The signed-in, confirmed member behind a write, counted against the write limit. */
  const writer = async (c: Context, back: string): Promise<Viewer | Response> => {
    const viewer = signedIn(c, back, { verified: true })
    if (viewer instanceof Response) return viewer
    await limits.consume(
      COLLECTION_WRITES,
      `user:${viewer.id}`,
      'Too many changes to collections in a minute; wait a moment.',
    )
    return viewer
  }

  app.post('/collections', async (c) => {
    const form = await readForm(c)
    const viewer = await writer(c, '/')
    if (viewer instanceof Response) return viewer
    const values = { name: form.name ?? '', description: form.description ?? '', visibility: form.visibility }
    const parsed = collectionForm.safeParse(values)
    if (!parsed.success) {
      const collections = await listCollections(db, viewer.id, { all: true })
      const owner = (await findUserByName(db, viewer.username))!
      const kept = {
        ...values,
        name: values.name.replace(/\u0000/g, ''),
        description: values.description.replace(/\u0000/g, ''),
      }
      return c.html(
        <CollectionsPage
          site={site}
          owner={owner}
          collections={collections}
          isOwner
          values={kept}
          errors={fieldErrors(parsed.error)}
        />,
        400,
        NO_STORE,
      )
    }
    const { name, description, visibility } = parsed.data
    const created = await createOwnCollection(
      db,
      viewer,
      { name, description, isPublic: visibility === 'public' },
      iso(),
    )
    return c.redirect(collectionPath(viewer.username, created), 303)
  })

  // The paper page's form: a collection of the reader's, or a new one named in the same form.
  app.post('/collections/save', async (c) => {
    const form = await readForm(c)
    const paperId = parsePaperId((form.paper ?? '').slice(0, 100))?.id
    const back = paperId ? paperPath(paperId) : '/'
    const viewer = await writer(c, back)
    if (viewer instanceof Response) return viewer
    if (!paperId) throw new HttpError(400, 'That is not a paper id; ids look like 2401.00001 or hep-th/9901001.')
    const collection =
      form.collection === 'new' || !form.collection
        ? await createOwnCollection(db, viewer, { name: newName(form.name), description: '', isPublic: false }, iso())
        : await ownCollection(db, parseCollectionId(form.collection), viewer)
    await addPaper(db, collection, form.paper ?? '', iso())
    return c.redirect(`${back}#save`, 303)
  })

  app.post('/collections/:id/edit', async (c) => {
    const form = await readForm(c)
    const viewer = await writer(c, '/')
    if (viewer instanceof Response) return viewer
    const collection = await ownCollection(db, parseCollectionId(c.req.param('id')), viewer)
    const values = { name: form.name ?? '', description: form.description ?? '', visibility: form.visibility }
    const parsed = collectionForm.safeParse(values)
    if (!parsed.success) {
      const owner = (await findUserByName(db, viewer.username))!
      const ids = await collectionPaperIds(db, collection.id, { limit: PAPERS_PER_PAGE, offset: 0 })
      const kept = {
        ...values,
        name: values.name.replace(/\u0000/g, ''),
        description: values.description.replace(/\u0000/g, ''),
      }
      return c.html(
        <CollectionPage
          site={site}
          owner={owner}
          collection={collection}
          papers={await getPapers(db, ids)}
          isOwner
          page={1}
          hasNext={collection.paperCount > PAPERS_PER_PAGE}
          values={kept}
          errors={fieldErrors(parsed.error)}
        />,
        400,
        NO_STORE,
      )
    }
    const { name, description, visibility } = parsed.data
    await updateCollection(db, collection.id, { name, description, isPublic: visibility === 'public' }, iso())
    return c.redirect(collectionPath(viewer.username, { id: collection.id, name }), 303)
  })

  app.post('/collections/:id/delete', async (c) => {
    await readForm(c)
    const viewer = await writer(c, '/')
    if (viewer instanceof Response) return viewer
    const collection = await ownCollection(db, parseCollectionId(c.req.param('id')), viewer)
    await deleteCollection(db, collection.id)
    return c.redirect(collectionsPath(viewer.username), 303)
  })

  app.post('/collections/:id/papers', async (c) => {
    const form = await readForm(c)
    const viewer = await writer(c, '/')
    if (viewer instanceof Response) return viewer
    const collection = await ownCollection(db, parseCollectionId(c.req.param('id')), viewer)
    const added = await addPaper(db, collection, form.paper ?? '', iso())
    return c.redirect(form.next ? safeNext(form.next) : `${paperPath(added)}#save`, 303)
  })

  app.post('/collections/:id/papers/remove', async (c) => {
    const form = await readForm(c)
    const viewer = await writer(c, '/')
    if (viewer instanceof Response) return viewer
    const collection = await ownCollection(db, parseCollectionId(c.req.param('id')), viewer)
    const paperId = paperIdToRemove(form.paper ?? '')
    await removeFromCollection(db, collection.id, paperId, iso())
    return c.redirect(form.next ? safeNext(form.next) : `${paperPath(paperId)}#save`, 303)
  })

  return app
}

/** The papers of a collection that changed since they were added: a later arXiv version, a withdrawal. */
async function changesSinceAdded(db: Db, id: number, papers: Paper[]): Promise<Map<string, PaperChange>> {
  const added = await addedDates(
    db,
    id,
    papers.map((p) => p.id),
  )
  const changes = new Map<string, PaperChange>()
  for (const p of papers) {
    const change = paperChange(p, added.get(p.id) ?? null)
    if (change) changes.set(p.id, change)
  }
  return changes
}

/** A new collection's name from the paper page's form, checked as the full form checks it. */
function newName(raw: string | undefined): string {
  const parsed = collectionForm.shape.name.safeParse(raw ?? '')
  if (!parsed.success) throw new HttpError(400, `The new collection’s name: ${parsed.error.issues[0]!.message}`)
  return parsed.data
}
