import type { Db } from '../platform/db/connect.js'
import { currentViewer, type Viewer } from '../platform/http/viewer.js'
import type { Paper } from '../papers/model.js'
import { paperHiddenAt } from '../papers/visibility.js'
import { type ClaimedAuthor, claimedAuthorsOf } from './claims/people.js'
import { type Claim, claimsOn } from './claims/store.js'
import { AuthorClaim } from './claims/views.js'
import { SaveToCollection, type SaveState, saveState } from './collections/save-to-collection.js'
import { type Discussion, loadDiscussion } from './comments/discussion.js'
import { DiscussionSection } from './comments/views.js'
import { PaperModeration } from './moderation/paper-controls.js'
import { paperPath } from '../papers/paths.js'
import { votedPaperIds } from './votes/store.js'
import { VoteButton } from './votes/vote-button.js'

/**
 * What the community adds to a paper's page, loaded in one call by the paper page
 * (papers/pages.tsx) and shown by the components below. Each community feature adds its part
 * here: its field, its loading, its piece of the side column or the discussion.
 */
export interface PaperCommunity {
  paperId: string
  viewer: Viewer | null
  discussion: Discussion
  /** Members whose claim to an author entry was approved: author position → member. */
  claimedAuthors: Map<number, ClaimedAuthor>
  /** The signed-in reader's own claims on this paper. */
  myClaims: Claim[]
  /** For admins only: when the paper was hidden from the feed (null: it shows). */
  hiddenAt: string | null
  /** The reader's collections and which hold this paper; null for an anonymous reader. */
  saved: SaveState | null
  /** Shown upvotes (imported and local) and whether the reader's vote is among them. */
  vote: { upvotes: number; voted: boolean }
  /** Comments counted in the paper's total that Hugging Face holds, not this discussion. */
  commentsElsewhere: number
}

/** What of the request the community parts read: the query (`?comments=`) and the page's clock. */
export interface PaperRequest {
  query: Record<string, string>
  now: number
}

export async function paperCommunity(
  db: Db,
  paper: Paper,
  request: PaperRequest = { query: {}, now: Date.now() },
): Promise<PaperCommunity> {
  const viewer = currentViewer()
  const [discussion, claimed, myClaims, hiddenAt, saved, voted] = await Promise.all([
    loadDiscussion(db, paper.id, request.query.comments, request.now),
    claimedAuthorsOf(db, [paper]),
    viewer ? claimsOn(db, paper.id, viewer.id) : [],
    viewer?.role === 'admin' ? paperHiddenAt(db, paper.id) : null,
    saveState(db, viewer, paper.id),
    viewer ? votedPaperIds(db, viewer.id, [paper.id]) : new Set<string>(),
  ])
  return {
    paperId: paper.id,
    viewer,
    discussion,
    claimedAuthors: claimed.get(paper.id) ?? new Map(),
    myClaims,
    hiddenAt,
    saved,
    vote: { upvotes: paper.upvotes, voted: voted.has(paper.id) },
    // The total is imported plus local comments, and the local count moves with every comment
    // that is added, deleted or hidden (papers/activity.ts): what is left was imported.
    commentsElsewhere: Math.max(0, paper.numComments - discussion.count),
  }
}

/** The side column's actions (vote, save to a collection; for admins, hiding), beside the paper's links. */
export function PaperActions({ community }: { community: PaperCommunity }) {
  return (
    <>
      <VoteButton
        paperId={community.paperId}
        upvotes={community.vote.upvotes}
        voted={community.vote.voted}
        back={paperPath(community.paperId)}
        large
      />
      <SaveToCollection paperId={community.paperId} viewer={community.viewer} state={community.saved} />
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
export function PaperDiscussion({ community }: { community: PaperCommunity }) {
  return (
    <DiscussionSection
      discussion={community.discussion}
      viewer={community.viewer}
      elsewhere={community.commentsElsewhere}
    />
  )
}
