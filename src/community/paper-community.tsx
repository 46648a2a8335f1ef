import type { Db } from '../platform/db/connect.js'
import { currentViewer, type Viewer } from '../platform/http/viewer.js'
import type { Paper } from '../papers/model.js'
import { type Discussion, loadDiscussion } from './comments/discussion.js'
import { DiscussionSection } from './comments/views.js'

/**
 * What the community adds to a paper's page, loaded in one call by the paper page
 * (papers/pages.tsx) and shown by the two components below. Each community feature adds its part
 * here: its field, its loading, its piece of the side column or the discussion.
 */
export interface PaperCommunity {
  paperId: string
  viewer: Viewer | null
  discussion: Discussion
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
  const discussion = await loadDiscussion(db, paper.id, request.query.comments, request.now)
  return { paperId: paper.id, viewer: currentViewer(), discussion }
}

/** The side column's actions (vote, save to a collection), beside the paper's links. */
export function PaperActions(_props: { community: PaperCommunity }) {
  return null
}

/** Below the abstract: the discussion. */
export function PaperDiscussion({ community }: { community: PaperCommunity }) {
  return <DiscussionSection discussion={community.discussion} viewer={community.viewer} />
}
