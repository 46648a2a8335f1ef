import { MemberModeration } from '../moderation/member-controls.js'
import type { User } from '../accounts/store.js'
import type { Comment } from '../comments/model.js'
import type { Collection } from '../collections/store.js'
import { collectionPath } from '../collections/views.js'
import type { Paper } from '../../papers/model.js'
import { paperPath } from '../../papers/paths.js'
import { TexText } from '../../papers/views/tex-text.js'
import { formatDay, formatMonth, plural } from '../../platform/views/format.js'
import { PostForm } from '../../platform/views/form.js'
import { Layout } from '../../platform/views/layout.js'
import { feedLinks } from '../../feeds/links.js'
import { FeedButtons } from '../../feeds/views.js'
import type { Site } from '../../platform/views/site.js'
import { avatarPath } from './avatar.js'
import { CompactPapers, Pager } from './compact-papers.js'
import { collectionsPath, profilePath } from './paths.js'

/** One paged list of the profile: its items, its page, and whether there is a next one. */
export interface Paged<T> {
  items: T[]
  page: number
  hasNext: boolean
}

export interface ProfileView {
  user: User
  isOwner: boolean
  submitted: Paged<Paper>
  comments: Paged<Comment & { paperTitle: string }>
  collections: Collection[]
  claimed: Paper[]
  /** Null when the member keeps their upvotes to themselves and someone else is looking. */
  upvoted: Paged<Paper> | null
  upvotesPublic: boolean
  /** The page numbers of every list, so each list's pager keeps the others' pages. */
  query: Record<string, string>
  /** Whether the member has two-factor authentication on: asked only for an admin (moderation). */
  twoFactor: boolean | null
}

const COMMENT_EXCERPT = 280

/** `/u/{username}`: who a member is and what they brought to the site. */
export function ProfilePage({ site, view }: { site: Site; view: ProfileView }) {
  const { user, isOwner, submitted, comments, collections, claimed, upvoted, query } = view
  const here = profilePath(user.username)
  const feeds = feedLinks(here, `${site.name}: Papers submitted by ${user.displayName}`)
  return (
    <Layout
      site={site}
      title={`${user.displayName} (@${user.username})`}
      canonical={Object.keys(query).length ? undefined : here}
      feeds={feeds}
    >
      <article class="community-page profile" aria-labelledby="profile-title">
        <header class="profile-head">
          <img src={avatarPath(user.username)} alt="" width={80} height={80} class="avatar large" />
          <div>
            <h1 id="profile-title">{user.displayName}</h1>
            <p class="meta">
              <span>@{user.username}</span>
              <span>
                Member since <time datetime={user.createdAt}>{formatMonth(user.createdAt)}</time>
              </span>
            </p>
            {isOwner && (
              <p class="meta">
                <a href="/submit">Submit a paper</a>
                <a href={collectionsPath(user.username)}>Your collections</a>
                <a href="/settings">Settings</a>
              </p>
            )}
          </div>
        </header>
        <MemberModeration username={user.username} banned={user.banned} twoFactor={view.twoFactor} />

        <section aria-labelledby="submitted-title">
          <h2 id="submitted-title">Submitted papers</h2>
          <FeedButtons feeds={feeds} />
          {submitted.items.length === 0 ? (
            <p class="empty">{submitted.page > 1 ? 'No more papers.' : 'No papers submitted yet.'}</p>
          ) : (
            <CompactPapers papers={submitted.items} />
          )}
          <Pager here={here} query={query} param="submitted_page" page={submitted.page} hasNext={submitted.hasNext} />
        </section>

        {claimed.length > 0 && (
          <section aria-labelledby="claimed-title">
            <h2 id="claimed-title">Papers they wrote</h2>
            <CompactPapers papers={claimed} />
          </section>
        )}

        <section aria-labelledby="collections-title">
          <h2 id="collections-title">{isOwner ? 'Public collections' : 'Collections'}</h2>
          {collections.length === 0 ? (
            <p class="empty">No public collections yet.</p>
          ) : (
            <ul class="collection-list">
              {collections.map((c) => (
                <li>
                  <a href={collectionPath(user.username, c)}>{c.name}</a>{' '}
                  <span class="meta">{plural(c.paperCount, 'paper')}</span>
                </li>
              ))}
            </ul>
          )}
        </section>

        <section aria-labelledby="comments-title">
          <h2 id="comments-title">Comments</h2>
          {comments.items.length === 0 ? (
            <p class="empty">{comments.page > 1 ? 'No more comments.' : 'No comments yet.'}</p>
          ) : (
            <ul class="profile-comments">
              {comments.items.map((c) => (
                <li>
                  <p class="meta">
                    <span>
                      On{' '}
                      <a href={`${paperPath(c.paperId)}#comment-${c.id}`}>
                        <TexText text={c.paperTitle} />
                      </a>
                    </span>
                    <time datetime={c.createdAt}>{formatDay(c.createdAt)}</time>
                  </p>
                  <p class="excerpt">{excerpt(c.body)}</p>
                </li>
              ))}
            </ul>
          )}
          <Pager here={here} query={query} param="comments_page" page={comments.page} hasNext={comments.hasNext} />
        </section>

        {(upvoted || isOwner) && (
          <section aria-labelledby="upvoted-title">
            <h2 id="upvoted-title">Upvoted papers</h2>
            {isOwner && <UpvotesToggle username={user.username} isPublic={view.upvotesPublic} />}
            {upvoted &&
              (upvoted.items.length === 0 ? (
                <p class="empty">{upvoted.page > 1 ? 'No more papers.' : 'No upvoted papers yet.'}</p>
              ) : (
                <CompactPapers papers={upvoted.items} />
              ))}
            {upvoted && (
              <Pager here={here} query={query} param="upvotes_page" page={upvoted.page} hasNext={upvoted.hasNext} />
            )}
          </section>
        )}
      </article>
    </Layout>
  )
}

function UpvotesToggle({ username, isPublic }: { username: string; isPublic: boolean }) {
  return (
    <PostForm action={`${profilePath(username)}/upvotes`} class="inline-form upvotes-toggle">
      <input type="hidden" name="public" value={isPublic ? '0' : '1'} />
      <p class="field-hint">
        {isPublic ? 'Everyone can see the papers you upvoted.' : 'Only you can see the papers you upvoted.'}
      </p>
      <button type="submit" class="secondary small">
        {isPublic ? 'Make my upvotes private' : 'Show my upvotes on my profile'}
      </button>
    </PostForm>
  )
}

/** The start of a comment as plain text: the profile lists comments, the paper page shows them whole. */
function excerpt(body: string): string {
  const text = body.replace(/\s+/g, ' ').trim()
  return text.length > COMMENT_EXCERPT ? `${text.slice(0, COMMENT_EXCERPT - 1)}…` : text
}
