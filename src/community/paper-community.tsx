import type { Db } from '../platform/db/connect.js'
import { currentViewer, type Viewer } from '../platform/http/viewer.js'
import type { Paper } from '../papers/model.js'
import { SaveToCollection, type SaveState, saveState } from './collections/save-to-collection.js'

/**
 * What the community adds to a paper's page, loaded in one call by the paper page
 * (papers/pages.tsx) and shown by the two components below. Each community feature adds its part
 * here: its field, its loading, its piece of the side column or the discussion.
 */
export interface PaperCommunity {
  paperId: string
  viewer: Viewer | null
  /** The reader's collections and which hold this paper; null for an anonymous reader. */
  saved: SaveState | null
}

export async function paperCommunity(db: Db, paper: Paper): Promise<PaperCommunity> {
  const viewer = currentViewer()
  return { paperId: paper.id, viewer, saved: await saveState(db, viewer, paper.id) }
}

/** The side column's actions (vote, save to a collection), beside the paper's links. */
export function PaperActions({ community }: { community: PaperCommunity }) {
  return <SaveToCollection paperId={community.paperId} viewer={community.viewer} state={community.saved} />
}

/** Below the abstract: the discussion. */
export function PaperDiscussion(_props: { community: PaperCommunity }) {
  return null
}
