import { CompactPapers, Pager } from '../community/profiles/compact-papers.js'
import { formatDay, plural } from '../platform/views/format.js'
import { PostForm } from '../platform/views/form.js'
import { Layout } from '../platform/views/layout.js'
import type { Site } from '../platform/views/site.js'
import { SEARCH_PATH } from '../search/paths.js'
import { ChangeBadge } from './change-badge.js'
import type { FollowedPaper, Reason } from './following.js'
import type { FeedLink } from '../feeds/links.js'
import { FeedButtons } from '../feeds/views.js'
import { FOLLOW_SETTINGS_PATH, FOLLOWING_FEED_RESET_PATH, FOLLOWING_PATH, MARK_SEEN_PATH } from './paths.js'
import type { FollowKind } from './schema.js'

export interface FollowingView {
  items: FollowedPaper[]
  total: number
  page: number
  hasNext: boolean
  /** Since when papers count as new: the last "mark all as seen", or FIRST_LOOK_DAYS ago. */
  since: string
  firstLook: boolean
  follows: number
  /** Each follow's page, by follow id. */
  paths: Map<number, string>
  /** When the page was made: "Mark all as seen" marks up to then, not what arrived since. */
  shownAt: string
  /** The private feeds of this page (absolute addresses with the member's token); `reset` said once after a reset. */
  feeds: FeedLink[]
  reset: boolean
}

const KIND_NAMES: Record<FollowKind, string> = {
  author: 'Author',
  category: 'Category',
  search: 'Search',
  collection: 'Collection',
  collected: 'Your collections',
}

/** `/following`: the papers new to the reader that match what they follow, each with why. */
export function FollowingPage({ site, view }: { site: Site; view: FollowingView }) {
  const { items, total } = view
  return (
    <Layout site={site} title="Following" feeds={view.feeds}>
      <section class="community-page following-page" aria-labelledby="following-title">
        <header class="following-head">
          <h1 id="following-title">Following</h1>
          <p class="meta">
            <span>
              {plural(total, 'new paper')} since{' '}
              {view.firstLook ? 'the last 7 days' : <time datetime={view.since}>{formatDay(view.since)}</time>}
            </span>
            <a href={FOLLOW_SETTINGS_PATH}>Manage your {plural(view.follows, 'follow')}</a>
          </p>
          {total > 0 && (
            <PostForm action={MARK_SEEN_PATH} class="mark-seen">
              <input type="hidden" name="shown_at" value={view.shownAt} />
              <button type="submit" class="secondary">
                Mark all as seen
              </button>
            </PostForm>
          )}
        </header>
        {items.length === 0 ? (
          <Empty follows={view.follows} />
        ) : (
          <section aria-labelledby="new-papers">
            <h2 id="new-papers" class="visually-hidden">
              New papers
            </h2>
            <CompactPapers
              papers={items.map((i) => i.paper)}
              extra={(paper) => {
                const item = items.find((i) => i.paper.id === paper.id)!
                return (
                  <div class="followed-why">
                    <ChangeBadge paperId={paper.id} change={item.change} />
                    <ul class="why" aria-label="Why this paper">
                      {item.reasons.map((r) => (
                        <li>
                          <Why reason={r} href={view.paths.get(r.follow.id)} />
                        </li>
                      ))}
                    </ul>
                  </div>
                )
              }}
            />
            <Pager here={FOLLOWING_PATH} query={{}} param="page" page={view.page} hasNext={view.hasNext} />
          </section>
        )}
        <PrivateFeed feeds={view.feeds} reset={view.reset} />
      </section>
    </Layout>
  )
}

/**
 * "Author: Ada Lovelace (with co-author Charles Babbage)", the follow's name linking to its page; a name
 * the paper prints otherwise is shown as printed ("Author: yann lecun, as “Y. LeCun”").
 */
function Why({ reason, href }: { reason: Reason; href: string | undefined }) {
  const { follow, detail, printed } = reason
  return (
    <>
      {KIND_NAMES[follow.kind]}: {href ? <a href={href}>{follow.label}</a> : follow.label}
      {printed && `, as “${printed}”`}
      {detail && ` (${detail})`}
    </>
  )
}

function Empty({ follows }: { follows: number }) {
  if (follows > 0) {
    return (
      <p class="empty">
        Nothing new since you last looked. New papers by the authors, in the categories, searches and collections you
        follow will show here.
      </p>
    )
  }
  return (
    <div class="empty">
      <p>
        <strong>You follow nothing yet.</strong>
      </p>
      <p>
        Press <strong>Follow</strong> on an author’s page (open one from an author’s name on any paper), on a search’s
        results (<a href={`${SEARCH_PATH}?q=${encodeURIComponent('cat:cs.LG')}`}>a category</a> too) or on a public
        collection. New papers that match will show here.
      </p>
    </div>
  )
}

/** The page as a private feed: its address to copy into a feed reader, and "reset the link". */
function PrivateFeed({ feeds, reset }: { feeds: FeedLink[]; reset: boolean }) {
  const rss = feeds.find((f) => f.format === 'rss')!
  return (
    <section class="settings-section following-feed" aria-labelledby="following-feed-title">
      <h2 id="following-feed-title">Your private feed</h2>
      {reset && (
        <p class="notice" role="status">
          The link was reset: the old address no longer works.
        </p>
      )}
      <p class="meta">
        This page’s papers of the last 7 days for a feed reader. The address is yours alone: anyone who has it can read
        what you follow.
      </p>
      <label for="following-feed-url">RSS address</label>
      <input type="text" id="following-feed-url" class="copy-field" readonly value={rss.href} />
      <FeedButtons feeds={feeds} />
      <PostForm action={FOLLOWING_FEED_RESET_PATH} class="reset-feed">
        <button type="submit" class="secondary small">
          Reset the link
        </button>
      </PostForm>
    </section>
  )
}
