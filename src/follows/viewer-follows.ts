import type { Db } from '../platform/db/connect.js'
import { currentViewer } from '../platform/http/viewer.js'
import type { FollowKind } from './schema.js'
import { type Follow, findFollow } from './store.js'
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
  return findFollow(db, viewer.id, kind, canonical)
}
