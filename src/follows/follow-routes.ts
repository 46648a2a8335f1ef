import { type Context, Hono } from 'hono'
import { readableCollection } from '../community/collections/access.js'
import { readForm, safeNext, signedIn } from '../community/accounts/forms.js'
import type { CommunityDeps } from '../community/routes.js'
import { HttpError } from '../platform/http/http-error.js'
import type { Db } from '../platform/db/connect.js'
import type { Limit } from '../platform/http/rate-limit.js'
import type { Viewer } from '../platform/http/viewer.js'
import { FOLLOW_PATH, UNFOLLOW_PATH } from './paths.js'
import type { FollowKind } from './schema.js'
import { countFollows, findFollow, follow, type FollowFields, unfollow } from './store.js'
import { canonicalTarget, FOLLOW_KINDS, qualifiersFrom, searchLabel } from './target.js'

/** Following and unfollowing: a reader clicking through pages, not a script. */
export const FOLLOW_WRITES: Limit = { name: 'follow-writes', points: 120, durationS: 60 }
/** More follows than a Following page can match in one look (each is a query or two). */
export const MAX_FOLLOWS = 200

/** `POST /follows` and `POST /follows/remove`: the Follow button's form, for every kind. */
export function followRoutes({ db, now, limits }: CommunityDeps): Hono {
  const app = new Hono()
  const iso = () => new Date(now()).toISOString()

  /** The signed-in, confirmed reader behind a follow form, and what the form names. */
  const read = async (
    c: Context,
  ): Promise<{ viewer: Viewer; form: Record<string, string>; kind: FollowKind; back: string } | Response> => {
    const form = await readForm(c)
    const back = safeNext(form.next)
    const viewer = signedIn(c, back, { verified: true })
    if (viewer instanceof Response) return viewer
    await limits.consume(FOLLOW_WRITES, `user:${viewer.id}`, 'Too many follows in a minute; wait a moment.')
    const kind = FOLLOW_KINDS.find((k) => k === form.kind)
    if (!kind) throw new HttpError(400, 'Follow an author, a category, a search or a collection.')
    return { viewer, form, kind, back }
  }

  app.post(FOLLOW_PATH, async (c) => {
    const asked = await read(c)
    if (asked instanceof Response) return asked
    const { viewer, form, kind, back } = asked
    const qualifiers = kind === 'author' ? qualifiersFrom(form) : []
    await addFollow(db, viewer, await followFields(db, kind, form.target ?? '', qualifiers, viewer), iso())
    return c.redirect(back, 303)
  })

  app.post(UNFOLLOW_PATH, async (c) => {
    const asked = await read(c)
    if (asked instanceof Response) return asked
    const { viewer, form, kind, back } = asked
    await unfollow(db, viewer.id, kind, canonicalTarget(kind, form.target ?? ''))
    return c.redirect(back, 303)
  })

  return app
}

/** What is followed, checked and in canonical form; a collection must be one the reader may see. */
export async function followFields(
  db: Db,
  kind: FollowKind,
  raw: string,
  qualifiers: string[],
  viewer: Viewer,
): Promise<FollowFields> {
  const target = canonicalTarget(kind, raw)
  if (kind === 'author') return { kind, target, label: target, qualifiers }
  if (kind === 'search') return { kind, target, label: searchLabel(target), qualifiers: [] }
  if (kind === 'collection') {
    const collection = await readableCollection(db, Number(target), viewer)
    return { kind, target, label: collection.name, qualifiers: [] }
  }
  // A category's label keeps the case it was given in (cs.LG), its target is lowercased.
  return { kind, target, label: raw.trim(), qualifiers: [] }
}

/** Follows something for the member, unless it would be one too many (409); following it again is harmless. */
export async function addFollow(db: Db, viewer: Viewer, fields: FollowFields, now: string): Promise<void> {
  const known = await findFollow(db, viewer.id, fields.kind, fields.target)
  if (!known && (await countFollows(db, viewer.id)) >= MAX_FOLLOWS) {
    throw new HttpError(409, `You follow ${MAX_FOLLOWS} things already; unfollow some in your settings first.`)
  }
  await follow(db, viewer.id, fields, now)
}
