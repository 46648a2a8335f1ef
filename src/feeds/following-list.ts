import { createHash } from 'node:crypto'
import { followingFeedOwner } from '../follows/feed-token.js'
import { FIRST_LOOK_DAYS, followedPapers } from '../follows/following.js'
import { followingFeedBase } from '../follows/paths.js'
import { listFollows } from '../follows/store.js'
import type { Db } from '../platform/db/connect.js'
import { notFound } from '../platform/http/http-error.js'
import { cacheKey } from '../platform/http/response-cache.js'
import type { PaperList } from './lists.js'

/** A feed is a window, not a reading list: what a reader checking weekly would see, newest first. */
const FOLLOWING_ITEMS = 100

/**
 * A member's Following page as a private feed: the papers of the last FIRST_LOOK_DAYS that match
 * their follows (a feed reader keeps its own "seen"), each dated when it became new, so a new
 * version moves its item up rather than adding one. A token that names nobody is a 404.
 */
export async function followingList(db: Db, token: string, now: number): Promise<PaperList> {
  const userId = await followingFeedOwner(db, token)
  if (userId === null) throw notFound('There is no such feed: the link was reset or cut short.')
  const since = new Date(now - FIRST_LOOK_DAYS * 86_400_000).toISOString()
  const found = (await followedPapers(db, userId, await listFollows(db, userId), since, now)).slice(0, FOLLOWING_ITEMS)
  const path = followingFeedBase(token)
  const items = found.map((f) => `${f.paper.id} ${f.paper.version ?? ''} ${f.arrivedAt}`)
  return {
    // Keyed by what it holds: the catalog version does not move when a member follows something.
    key: cacheKey(path, { items: createHash('sha256').update(items.join('\n')).digest('base64url').slice(0, 22) }),
    path,
    title: 'Following',
    description: 'New papers of the authors, categories, searches and collections you follow.',
    load: async () => found.map((f) => ({ paper: f.paper, date: f.arrivedAt })),
  }
}
