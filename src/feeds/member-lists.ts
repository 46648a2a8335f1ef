import { createHash } from 'node:crypto'
import { findUserByName } from '../community/accounts/store.js'
import { readableCollection } from '../community/collections/access.js'
import { collectionIdOf } from '../community/collections/slug.js'
import { collectionItems } from '../community/collections/store.js'
import { collectionPath } from '../community/collections/views.js'
import { profilePath } from '../community/profiles/paths.js'
import { latestSubmissions } from '../community/submissions/store.js'
import { getPapers } from '../papers/store.js'
import type { Db } from '../platform/db/connect.js'
import { notFound } from '../platform/http/http-error.js'
import { cacheKey } from '../platform/http/response-cache.js'
import type { PaperList } from './lists.js'

const COLLECTION_ITEMS = 100
const SUBMISSION_ITEMS = 100

/** A fingerprint of what a list holds, for its cache key: a list the catalog version does not track. */
const fingerprint = (parts: string[]) => createHash('sha256').update(parts.join('\n')).digest('base64url').slice(0, 22)

/** A public collection, most recently added first; a private or unknown one is a 404 for everyone. */
export async function collectionList(db: Db, username: string, slug: string): Promise<PaperList> {
  const owner = username.length <= 100 ? await findUserByName(db, username) : null
  if (!owner) throw notFound(`There is no member called “${username.slice(0, 100)}”.`)
  // A feed is read by a feed reader, never signed in: only a public collection has one.
  const collection = await readableCollection(db, collectionIdOf(slug), null)
  if (collection.userId !== owner.id) throw notFound('There is no such collection, or it is private.')
  const path = collectionPath(owner.username, collection)
  const items = await collectionItems(db, collection.id, COLLECTION_ITEMS)
  const by = owner.displayName || owner.username
  return {
    key: cacheKey(path, {
      items: fingerprint([
        by,
        collection.name,
        collection.description,
        ...items.map((i) => `${i.paperId} ${i.addedAt}`),
      ]),
    }),
    path,
    title: `${collection.name}, a collection by ${by}`,
    description: collection.description || `Papers ${by} collected in “${collection.name}”, most recently added first.`,
    async load() {
      const added = new Map(items.map((i) => [i.paperId, i.addedAt]))
      const papers = await getPapers(db, [...added.keys()])
      return papers.map((paper) => ({ paper, date: added.get(paper.id)! }))
    },
  }
}

/** The papers a member submitted, newest first. */
export async function submissionsList(db: Db, username: string): Promise<PaperList> {
  const user = username.length <= 100 ? await findUserByName(db, username) : null
  if (!user) throw notFound(`There is no member called “${username.slice(0, 100)}”.`)
  const path = profilePath(user.username)
  const items = await latestSubmissions(db, user.id, SUBMISSION_ITEMS)
  const by = user.displayName || user.username
  return {
    key: cacheKey(path, { items: fingerprint([by, ...items.map((i) => `${i.paperId} ${i.submittedAt}`)]) }),
    path,
    title: `Papers submitted by ${by}`,
    description: `The papers ${by} submitted, newest first.`,
    async load() {
      const submitted = new Map(items.map((i) => [i.paperId, i.submittedAt]))
      const papers = await getPapers(db, [...submitted.keys()], { listed: true })
      return papers.map((paper) => ({ paper, date: submitted.get(paper.id)! }))
    },
  }
}
