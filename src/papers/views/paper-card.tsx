import type { Child } from 'hono/jsx'
import { VoteButton } from '../../community/votes/vote-button.js'
import { formatCount, formatDay, plural } from '../../platform/views/format.js'
import { DELETED_NAME } from '../../community/accounts/display-name.js'
import { profilePath } from '../../community/profiles/paths.js'
import { thumbnailPath } from '../../previews/paths.js'
import { isNew, shortAuthors } from '../display.js'
import type { Featuring, Paper } from '../model.js'
import { paperPath } from '../paths.js'
import { TexText } from './tex-text.js'

/** How a search result matched: its title, authors and a passage of its abstract, the matched words marked. */
export interface CardMatch {
  title: Child
  /** shortAuthors' list with the matched names marked. */
  authors: Child
  snippet: Child
}

interface PaperCardProps {
  /** A listing's entry carries its featuring; a search result has none. */
  entry: { paper: Paper; featuring?: Featuring }
  rank: number
  now: number
  match?: CardMatch
  /** Whether the signed-in reader voted for this paper. */
  voted: boolean
  /** The listing's address, where voting comes back to. */
  back: string
  /** The title's heading level: 3 under a listing's section headings (a category's day). */
  level?: 2 | 3
  /** Link to the paper's code, as search results do, rather than only saying it has some. */
  linkCode?: boolean
}

/**
 * One entry of a listing: rank, thumbnail, title, authors, counts and who submitted it. A search
 * result shows its highlighted title and snippet, its arXiv date and a link to its code instead.
 */
export function PaperCard({ entry, rank, now, match, voted, back, level = 2, linkCode = !!match }: PaperCardProps) {
  const { paper, featuring } = entry
  const Heading = level === 3 ? 'h3' : 'h2'
  const href = paperPath(paper.id)
  const authors = shortAuthors(paper.authors)
  const by = featuring?.submittedBy
  return (
    <li class={paper.thumbnail ? 'paper-card has-thumb' : 'paper-card'}>
      {/* A <span> can't carry an aria-label (it has no role), so the words are in its text. */}
      <span class="rank">
        <span class="visually-hidden">Rank </span>
        {rank}
      </span>
      {paper.thumbnail && (
        // The title beside it is the link's accessible text; the image is decoration. It is served
        // from here (a copy, or a placeholder until there is one), never from its source's host.
        <a class="thumb" href={href} tabindex={-1} aria-hidden="true">
          <img src={thumbnailPath(paper.thumbnail)} alt="" loading="lazy" width={336} height={189} />
        </a>
      )}
      <div>
        <Heading>
          <a href={href}>{match ? match.title : <TexText text={paper.title} />}</a>
          {featuring && isNew(featuring, now) && <span class="badge-new">New</span>}
        </Heading>
        {authors && <p class="authors">{match ? match.authors : authors}</p>}
        {match && <p class="snippet">{match.snippet}</p>}
        <p class="meta">
          {match && paper.publishedAt && (
            <span>
              <time datetime={paper.publishedAt.slice(0, 10)}>{formatDay(paper.publishedAt)}</time>
            </span>
          )}
          {by && (
            <span>
              Submitted by{' '}
              <strong>
                {/* A local member's name leads to their profile; a Hugging Face user's has no page here. */}
                {featuring.source === 'community' && by.name !== DELETED_NAME ? (
                  <a href={profilePath(by.name)}>{by.fullname || by.name}</a>
                ) : (
                  by.fullname || by.name
                )}
              </strong>
            </span>
          )}
          <span>{plural(paper.numComments, 'comment')}</span>
          {linkCode && paper.githubRepo && (
            <a href={paper.githubRepo}>
              Code
              {paper.githubStars !== null && (
                <>
                  {' · '}
                  <span aria-hidden="true">★ </span>
                  {formatCount(paper.githubStars)}
                  <span class="visually-hidden"> stars</span>
                </>
              )}
              <span class="visually-hidden"> on GitHub</span>
            </a>
          )}
          {!linkCode && paper.githubRepo && paper.githubStars !== null && (
            <span>
              <span aria-hidden="true">★ </span>
              {formatCount(paper.githubStars)}
              <span class="visually-hidden"> stars</span> on GitHub
            </span>
          )}
          {!linkCode && paper.githubRepo && paper.githubStars === null && <span>Code available</span>}
          {paper.categories[0] && <span>{paper.categories[0]}</span>}
        </p>
      </div>
      <VoteButton paperId={paper.id} upvotes={paper.upvotes} voted={voted} back={back} />
    </li>
  )
}
