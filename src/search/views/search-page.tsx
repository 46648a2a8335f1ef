import { feedLinks } from '../../feeds/links.js'
import { FeedButtons } from '../../feeds/views.js'
import { ExportLinks, listExportPath } from '../../exports/views.js'
import { PaperCard } from '../../papers/views/paper-card.js'
import type { Paper } from '../../papers/model.js'
import { Layout } from '../../platform/views/layout.js'
import { HowRanked } from '../../ranking/how-ranked.js'
import { FollowButton } from '../../follows/follow-button.js'
import type { FollowKind } from '../../follows/schema.js'
import type { Site } from '../../platform/views/site.js'
import type { Segment } from '../highlight.js'
import { MAX_RESULTS } from '../model.js'
import { HELP_PATH, SEARCH_PATH } from '../paths.js'
import { hasFilters, PAGE_SIZE, type SearchOptions, searchParamsOf } from '../request.js'
import { Highlighted } from './highlighted.js'
import { SearchForm } from './search-form.js'

export interface ResultView {
  paper: Paper
  title: Segment[]
  /** The card's shortened author list. */
  authors: Segment[]
  snippet: Segment[]
}

export interface SearchView {
  options: SearchOptions
  /** The address searched (`/search` or Hugging Face's `/papers`); links stay on it. */
  path: string
  /** How the query was read where it was not taken as typed. */
  notes: string[]
  /** Null when nothing was asked yet: the page shows the form and a short guide. */
  results: { hits: ResultView[]; total: { value: number; exact: boolean } } | null
  now: number
  /** The results the signed-in reader voted for (none for an anonymous reader). */
  voted: ReadonlySet<string>
  /** What the results offer to follow: the search, and the categories it names. */
  follows: { kind: FollowKind; target: string; label: string; following: boolean }[]
}

const count = new Intl.NumberFormat('en-US')

export function SearchPage({ site, view }: { site: Site; view: SearchView }) {
  const { options, results } = view
  const title = options.q ? `${options.q} – Search` : 'Search'
  // The feed of a search follows new papers, so it is the search newest first, from its first page.
  const feedSearch = searchParamsOf(options, {
    page: 1,
    perPage: PAGE_SIZE,
    sort: options.sort === 'relevance' ? 'newest' : options.sort,
  })
  const ownFeeds = results ? feedLinks(`${SEARCH_PATH}?${feedSearch}`, `${site.name}: ${title}`) : null
  return (
    // Every search is a copy of /search for search engines (crawlers/robots.ts): results are not
    // pages of their own, but their links to papers may be followed.
    <Layout site={site} title={title} canonical={SEARCH_PATH} query={options.q} feeds={ownFeeds ?? site.feeds}>
      <div class="search-page">
        <h1 class={results ? 'visually-hidden' : undefined}>Search papers</h1>
        <SearchForm options={options} action={view.path} />
        {ownFeeds && <FeedButtons feeds={ownFeeds} />}
        {view.follows.length > 0 && (
          <div class="follow-bar" role="group" aria-label="Follow">
            {view.follows.map((f) => (
              <FollowButton
                kind={f.kind}
                target={f.target}
                label={f.label}
                following={f.following}
                back={`${view.path}?${searchParamsOf(options)}`}
              />
            ))}
          </div>
        )}
        {results && (
          <ExportLinks
            label="Download these results' citations"
            hrefOf={(format) => listExportPath(`${SEARCH_PATH}?${searchParamsOf(options)}`, format)}
          />
        )}
        {view.notes.length > 0 && <Notes notes={view.notes} />}
        {results ? <Results view={view} results={results} /> : <Guide />}
      </div>
    </Layout>
  )
}

function Notes({ notes }: { notes: string[] }) {
  return (
    <div class="notice search-notes">
      <p>How your search was read:</p>
      <ul>
        {notes.map((n) => (
          <li>{n}</li>
        ))}
      </ul>
    </div>
  )
}

function Results({ view, results }: { view: SearchView; results: NonNullable<SearchView['results']> }) {
  const { options } = view
  const { total, hits } = results
  const first = (options.page - 1) * options.perPage + 1
  const lastPage = Math.max(1, Math.ceil(Math.min(total.value, MAX_RESULTS) / options.perPage))
  const link = (page: number) => `${view.path}?${searchParamsOf(options, { page })}`
  if (hits.length === 0) return <NoResults view={view} total={total.value} firstPage={link(1)} />
  return (
    <>
      <p class="search-summary">
        <span>{describeTotal(total)}</span>
        {lastPage > 1 && <span>{` · Page ${options.page} of ${count.format(lastPage)}`}</span>}
        <span>
          {' · '}
          <HowRanked list="search" />
        </span>
      </p>
      <ol class="papers" start={first}>
        {hits.map((hit, i) => (
          <PaperCard
            entry={{ paper: hit.paper }}
            rank={first + i}
            now={view.now}
            voted={view.voted.has(hit.paper.id)}
            back={link(options.page)}
            match={{
              title: <Highlighted segments={hit.title} />,
              authors: <Highlighted segments={hit.authors} />,
              snippet: <Highlighted segments={hit.snippet} />,
            }}
          />
        ))}
      </ol>
      <nav class="pager" aria-label="Result pages">
        {options.page > 1 && (
          <a href={link(options.page - 1)} rel="prev">
            ← Previous
          </a>
        )}
        <span class="spacer" />
        {options.page < lastPage && (
          <a href={link(options.page + 1)} rel="next">
            Next →
          </a>
        )}
      </nav>
      {total.value > MAX_RESULTS && options.page === lastPage && (
        <p class="search-summary">
          Only the first {count.format(MAX_RESULTS)} results are shown: add words or filters to narrow the search.
        </p>
      )}
    </>
  )
}

/** "12 results", or "About 12,400 results" when the engine estimated a term that matches most papers. */
export function describeTotal(total: { value: number; exact: boolean }): string {
  const n = `${count.format(total.value)} ${total.value === 1 ? 'result' : 'results'}`
  return total.exact ? n : `About ${n}`
}

function NoResults({ view, total, firstPage }: { view: SearchView; total: number; firstPage: string }) {
  const { options } = view
  if (options.page > 1 && total > 0) {
    return (
      <div class="empty">
        <p>
          This search has {describeTotal({ value: total, exact: true }).toLowerCase()}, fewer than page {options.page}{' '}
          would show. <a href={firstPage}>Go to the first page</a>.
        </p>
      </div>
    )
  }
  const withoutFilters = `${view.path}?${new URLSearchParams({ q: options.q })}`
  return (
    <div class="empty">
      <p>
        <strong>No papers match {options.q ? `“${options.q}”` : 'these filters'}.</strong>
      </p>
      {hasFilters(options) ? (
        <p>
          Filters narrow the search: <a href={withoutFilters}>search without the filters</a>, or widen the dates or the
          category.
        </p>
      ) : (
        <p>
          Try fewer or other words, check the spelling, or join alternatives with OR.{' '}
          <a href={HELP_PATH}>How to search</a>.
        </p>
      )}
    </div>
  )
}

const EXAMPLES = [
  ['diffusion transformer', 'papers with both words'],
  ['"instruction tuning"', 'the exact phrase'],
  ['author:"Yann LeCun"', 'papers by an author'],
  ['retrieval -survey', 'leave out papers with a word'],
  ['cat:cs.CL year:2024', 'a category and a year'],
] as const

/** What the empty search page offers instead of results: a few examples to start from. */
function Guide() {
  return (
    <section class="search-guide" aria-labelledby="search-guide">
      <h2 id="search-guide">Start with an example</h2>
      <ul>
        {EXAMPLES.map(([q, what]) => (
          <li>
            <a href={`${SEARCH_PATH}?${new URLSearchParams({ q })}`}>
              <code>{q}</code>
            </a>{' '}
            – {what}
          </li>
        ))}
      </ul>
      <p>
        Paste an arXiv id or a link to a paper on arXiv or Hugging Face to open it directly. The{' '}
        <a href={HELP_PATH}>search help</a> lists everything a search can say.
      </p>
    </section>
  )
}
