import type { Db } from '../platform/db/connect.js'
import { currentViewer, type Viewer } from '../platform/http/viewer.js'
import type { Paper } from '../papers/model.js'

/**
 * What the community adds to a paper's page, loaded in one call by the paper page
 * (papers/pages.tsx) and shown by the two components below. Each community feature adds its part
 * here: its field, its loading, its piece of the side column or the discussion.
 */
export interface PaperCommunity {
  paperId: string
  viewer: Viewer | null
}

export async function paperCommunity(_db: Db, paper: Paper): Promise<PaperCommunity> {
  return { paperId: paper.id, viewer: currentViewer() }
}

/** The side column's actions (vote, save to a collection), beside the paper's links. */
export function PaperActions(_props: { community: PaperCommunity }) {
  return null
}

/** Below the abstract: the discussion. */
export function PaperDiscussion(_props: { community: PaperCommunity }) {
  return null
}
