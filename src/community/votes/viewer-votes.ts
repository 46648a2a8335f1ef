import type { Db } from '../../platform/db/connect.js'
import { currentViewer } from '../../platform/http/viewer.js'
import { votedPaperIds } from './store.js'

/**
 * Which of a listing's papers the signed-in reader voted for; nothing (and no query) for an
 * anonymous reader, whose pages stay the same for everyone and so stay cacheable.
 */
export function viewerVotes(db: Db, paperIds: readonly string[]): Promise<ReadonlySet<string>> {
  const viewer = currentViewer()
  return viewer ? votedPaperIds(db, viewer.id, paperIds) : Promise.resolve(new Set())
}
