import { type Context, Hono } from 'hono'
import { readableCollection } from '../community/collections/access.js'
import { readForm, safeNext, signedIn } from '../community/accounts/forms.js'
import type { CommunityDeps } from '../community/routes.js'
import { HttpError } from '../platform/http/http-error.js'
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
    const fields = await followFields(kind, form.target ?? '', form, viewer)
    const known = await findFollow(db, viewer.id, kind, fields.target)
    if (!known && (await countFollows(db, viewer.id)) >= MAX_FOLLOWS) {
      throw new HttpError(409, `You follow ${MAX_FOLLOWS} things already; unfollow some in your settings first.`)
    }
    await follow(db, viewer.id, fields, iso())
    return c.redirect(back, 303)
  })

  app.post(UNFOLLOW_PATH, async (c) => {
    const asked = await read(c)
    if (asked instanceof Response) return asked
    const { viewer, form, kind, back } = asked
    await unfollow(db, viewer.id, kind, canonicalTarget(kind, form.target ?? ''))
    return c.redirect(back, 303)
  })

  /** What is followed, checked; a collection must be one the reader may see. */
  async function followFields(
    kind: FollowKind,
    raw: string,
    form: Record<string, string>,
    viewer: Viewer,
  ): Promise<FollowFields> {
    const target = canonicalTarget(kind, raw)
    if (kind === 'author') return { kind, target, label: target, qualifiers: qualifiersFrom(form) }
    if (kind === 'search') return { kind, target, label: searchLabel(target), qualifiers: [] }
    if (kind === 'collection') {
      const collection = await readableCollection(db, Number(target), viewer)
      return { kind, target, label: collection.name, qualifiers: [] }
    }
    // A category's label keeps the case it was given in (cs.LG), its target is lowercased.
    return { kind, target, label: raw.trim(), qualifiers: [] }
  }

  return app
}
