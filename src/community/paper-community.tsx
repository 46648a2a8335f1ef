import type { Db } from '../platform/db/connect.js'
import { currentViewer, type Viewer } from '../platform/http/viewer.js'
import type { Paper } from '../papers/model.js'
import { paperHiddenAt } from '../papers/visibility.js'
import { type ClaimedAuthor, claimedAuthorsOf } from './claims/people.js'
import { type Claim, claimsOn } from './claims/store.js'
import { AuthorClaim } from './claims/views.js'
import { PaperModeration } from './moderation/paper-controls.js'

/**
 * What the community adds to a paper's page, loaded in one call by the paper page
 * (papers/pages.tsx) and shown by the two components below. Each community feature adds its part
 * here: its field, its loading, its piece of the side column or the discussion.
 */
export interface PaperCommunity {
  paperId: string
  viewer: Viewer | null
  /** Members whose claim to an author entry was approved: author position → member. */
  claimedAuthors: Map<number, ClaimedAuthor>
  /** The signed-in reader's own claims on this paper. */
  myClaims: Claim[]
  /** For admins only: when the paper was hidden from the feed (null: it shows). */
  hiddenAt: string | null
}

export async function paperCommunity(db: Db, paper: Paper): Promise<PaperCommunity> {
  const viewer = currentViewer()
  const [claimed, myClaims, hiddenAt] = await Promise.all([
    claimedAuthorsOf(db, [paper]),
    viewer ? claimsOn(db, paper.id, viewer.id) : [],
    viewer?.role === 'admin' ? paperHiddenAt(db, paper.id) : null,
  ])
  return { paperId: paper.id, viewer, claimedAuthors: claimed.get(paper.id) ?? new Map(), myClaims, hiddenAt }
}

/** The side column's actions (vote, save to a collection), beside the paper's links. */
export function PaperActions({ community }: { community: PaperCommunity }) {
  return (
    <>
      {community.viewer?.role === 'admin' && (
        <PaperModeration paperId={community.paperId} hiddenAt={community.hiddenAt} />
      )}
    </>
  )
}

/** Under the author list: "Are you an author?" (claims). */
export function PaperAuthors({ community, paper }: { community: PaperCommunity; paper: Paper }) {
  return (
    <AuthorClaim
      paper={paper}
      viewer={community.viewer}
      claimed={new Set(community.claimedAuthors.keys())}
      mine={community.myClaims}
    />
  )
}

/** Below the abstract: the discussion. */
export function PaperDiscussion(_props: { community: PaperCommunity }) {
  return null
}
