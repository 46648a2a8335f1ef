import { feedLinks } from '../feeds/links.js'
import { FeedButtons } from '../feeds/views.js'
import { FollowButton } from '../follows/follow-button.js'
import type { Follow } from '../follows/store.js'
import type { Paper } from '../papers/model.js'
import { PaperCard } from '../papers/views/paper-card.js'
import { Pager } from '../community/profiles/compact-papers.js'
import { plural } from '../platform/views/format.js'
import { Layout } from '../platform/views/layout.js'
import type { Site } from '../platform/views/site.js'
import { SEARCH_PATH } from '../search/paths.js'
import { authorPath } from './paths.js'
import type { Neighbour } from './store.js'

export interface AuthorView {
  name: string
  papers: Paper[]
  total: number
  page: number
  hasNext: boolean
  perPage: number
  coauthors: Neighbour[]
  categories: Neighbour[]
  /** The signed-in reader's follow of this name, if any. */
  follow: Follow | null
  voted: ReadonlySet<string>
  now: number
}

/**
 * `/authors/{name}`: the papers printed under a name, newest first, with what tells namesakes
 * apart (the name's frequent co-authors and categories), which the Follow form lets the reader tick.
 */
export function AuthorPage({ site, view }: { site: Site; view: AuthorView }) {
  const { name, papers, page, total } = view
  const here = authorPath(name)
  const back = page > 1 ? `${here}?page=${page}` : here
  const feeds = feedLinks(here, `${site.name}: Papers by ${name}`)
  const first = (page - 1) * view.perPage + 1
  return (
    <Layout site={site} title={`Papers by ${name}`} canonical={back} feeds={feeds}>
      <article class="author-page" aria-labelledby="author-title">
        <header class="author-head">
          <h1 id="author-title">{name}</h1>
          <p class="meta">
            <span>{plural(total, 'paper')} under this name</span>
            <a href={`${SEARCH_PATH}?${new URLSearchParams({ q: `author:"${name}"` })}`}>Search by this name</a>
          </p>
          <FeedButtons feeds={feeds} />
        </header>
        <div class="author-body">
          <section class="author-side" aria-labelledby="follow-author">
            <h2 id="follow-author">Follow</h2>
            <AuthorFollow view={view} back={back} />
          </section>
          <section class="author-papers" aria-labelledby="author-papers">
            <h2 id="author-papers">Papers</h2>
            <ol class="papers" start={first}>
              {papers.map((paper, i) => (
                <PaperCard
                  entry={{ paper }}
                  rank={first + i}
                  now={view.now}
                  voted={view.voted.has(paper.id)}
                  back={back}
                />
              ))}
            </ol>
            <Pager here={here} query={{}} param="page" page={page} hasNext={view.hasNext} />
          </section>
        </div>
      </article>
    </Layout>
  )
}

/**
 * The Follow form: several people publish under one name, so the reader may tick the co-authors
 * and categories of the one they mean, and get only papers that share one of them.
 */
function AuthorFollow({ view, back }: { view: AuthorView; back: string }) {
  const { name, follow, coauthors, categories } = view
  const choices = [
    ...coauthors.map((n) => ({ ...n, kind: 'co-author' })),
    ...categories.map((n) => ({ ...n, kind: 'category' })),
  ]
  return (
    <div class="author-follow">
      {follow ? (
        <p>
          You follow{' '}
          {follow.qualifiers.length > 0 ? (
            <>
              this name’s papers with <strong>{follow.qualifiers.join(', ')}</strong>.
            </>
          ) : (
            <>every paper under this name.</>
          )}{' '}
          {follow.target !== name && <>(You followed it as “{follow.label}”.) </>}
          New ones show on your <a href="/following">Following page</a>.
        </p>
      ) : (
        <p class="hint">New papers under this name will show on your Following page.</p>
      )}
      <FollowButton kind="author" target={follow?.target ?? name} label={name} following={follow !== null} back={back}>
        {choices.length > 0 && (
          <fieldset class="qualifiers">
            <legend>Only papers with one of these (optional)</legend>
            <p class="hint">
              Tick to tell this {name} from namesakes; leave all empty to follow every paper under the name.
            </p>
            {choices.map((choice, i) => (
              <div class="check">
                <input type="checkbox" id={`with-${i + 1}`} name={`with_${i + 1}`} value={choice.value} />
                <label for={`with-${i + 1}`}>
                  {choice.value}{' '}
                  <span class="meta">
                    ({choice.kind}, {plural(choice.papers, 'paper')})
                  </span>
                </label>
              </div>
            ))}
          </fieldset>
        )}
      </FollowButton>
      {(coauthors.length > 0 || categories.length > 0) && (
        <dl class="facts">
          {coauthors.length > 0 && (
            <>
              <dt>Frequent co-authors</dt>
              <dd>
                {coauthors.map((c, i) => (
                  <>
                    {i > 0 && ', '}
                    <a href={authorPath(c.value)}>{c.value}</a>
                  </>
                ))}
              </dd>
            </>
          )}
          {categories.length > 0 && (
            <>
              <dt>Categories</dt>
              <dd>{categories.map((c) => `${c.value} (${c.papers})`).join(', ')}</dd>
            </>
          )}
        </dl>
      )}
    </div>
  )
}
