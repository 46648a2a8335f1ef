import type { Db } from '../platform/db/connect.js'
import { currentViewer } from '../platform/http/viewer.js'
import type { FollowKind } from './schema.js'
import { isSameAuthor, readAuthorName } from './author-name.js'
import { type Follow, findFollow, listFollows } from './store.js'
import { canonicalTarget } from './target.js'

/**
 * The signed-in reader's follow of something, for its Follow button; nothing (and no query) for an
 * anonymous reader, whose pages stay the same for everyone and so stay cacheable.
 */
export async function viewerFollow(db: Db, kind: FollowKind, target: string): Promise<Follow | null> {
  const viewer = currentViewer()
  if (!viewer) return null
  let canonical: string
  try {
    canonical = canonicalTarget(kind, target)
  } catch {
    return null // nothing the reader could have followed
  }
  const exact = await findFollow(db, viewer.id, kind, canonical)
  return exact ?? (kind === 'author' ? sameAuthorFollow(db, viewer.id, canonical) : null)
}

/**
 * The member's follow of another spelling of this name (`yann lecun` on the page of `Yann LeCun`):
 * it matches this name's papers as alerts read names (author-name.ts), so the page says so.
 */
async function sameAuthorFollow(db: Db, userId: number, name: string): Promise<Follow | null> {
  const wanted = readAuthorName(name)
  if (!wanted) return null
  const follows = (await listFollows(db, userId)).filter((f) => f.kind === 'author')
  return (
    follows.find((f) => {
      const followed = readAuthorName(f.target)
      return followed !== null && isSameAuthor(followed, wanted)
    }) ?? null
  )
}
