import type { Db } from '../platform/db/connect.js'
import { currentViewer, type Viewer } from '../platform/http/viewer.js'
import type { Paper } from '../papers/model.js'
import { paperPath } from '../papers/paths.js'
import { votedPaperIds } from './votes/store.js'
import { VoteButton } from './votes/vote-button.js'

/**
 * What the community adds to a paper's page, loaded in one call by the paper page
 * (papers/pages.tsx) and shown by the two components below. Each community feature adds its part
 * here: its field, its loading, its piece of the side column or the discussion.
 */
export interface PaperCommunity {
  paperId: string
  viewer: Viewer | null
  /** Shown upvotes (imported and local) and whether the reader's vote is among them. */
  vote: { upvotes: number; voted: boolean }
}

export async function paperCommunity(db: Db, paper: Paper): Promise<PaperCommunity> {
  const viewer = currentViewer()
  const voted = viewer ? (await votedPaperIds(db, viewer.id, [paper.id])).has(paper.id) : false
  return { paperId: paper.id, viewer, vote: { upvotes: paper.upvotes, voted } }
}

/** The side column's actions (vote, save to a collection), beside the paper's links. */
export function PaperActions({ community }: { community: PaperCommunity }) {
  return (
    <VoteButton
      paperId={community.paperId}
      upvotes={community.vote.upvotes}
      voted={community.vote.voted}
      back={paperPath(community.paperId)}
      large
    />
  )
}

/** Below the abstract: the discussion. */
export function PaperDiscussion(_props: { community: PaperCommunity }) {
  return null
}
