import { type Context, Hono } from 'hono'
import { toDay } from '../papers/period.js'
import type { Db } from '../platform/db/connect.js'
import type { Paper } from '../papers/model.js'
import { cacheKey, htmlOf, type ResponseCache } from '../platform/http/response-cache.js'
import type { Site } from '../platform/views/site.js'
import type { HighlightPlan } from './highlight.js'
import { HELP_PATH, PAPERS_SEARCH_PATH, SEARCH_PATH } from './paths.js'
import { parseQuery } from './query.js'
import { shortcutPath } from './id-shortcut.js'
import { asksForSomething, parseSearchOptions, type SearchOptions, searchParamsOf, toSearchRequest } from './request.js'
import { searchHighlighted } from './service.js'
import { HelpPage } from './views/help-page.js'
import { SearchPage, type SearchView } from './views/search-page.js'
import { viewerVotes } from '../community/votes/viewer-votes.js'
import { canonicalSearch } from '../follows/target.js'
import { viewerFollow } from '../follows/viewer-follows.js'

/**
 * Titles and abstracts as plain text (a highlight must not cut a TeX formula in two), an
 * abstract's passage of three lines or so of the card, and the author line.
 */
const PAGE_HIGHLIGHT: HighlightPlan = { plain: true, summaryChars: 300, authors: true }

/**
 * The search pages: `/search?q=…`, the same at Hugging Face's `/papers?q=…`, and the help page.
 * A pasted arXiv id or link goes straight to the paper. Results are served from `cache`, keyed by
 * the search as asked: the page shows the query as typed, so two spellings are two pages.
 */
export function searchPages(db: Db, site: Site, cache: ResponseCache, now = Date.now): Hono {
  const app = new Hono()

  app.get(HELP_PATH, (c) => c.html(<HelpPage site={site} />))

  const results = async (c: Context, path: string) => {
    const options = parseSearchOptions(c.req.query())
    const paper = shortcutPath(options.q)
    if (paper) return c.redirect(paper)
    const query = parseQuery(options.q)
    const time = now()
    const request = toSearchRequest(options, query, toDay(time))
    // A preset's first day moves with the clock, so it is part of the key.
    const key = cacheKey(path, { search: searchParamsOf(options).toString(), from: request.from })
    return cache.respond(c, key, async () => {
      const view: SearchView = {
        options,
        path,
        notes: query.notes,
        results: null,
        now: time,
        voted: new Set(),
        follows: [],
      }
      if (asksForSomething(query, options)) {
        const found = await searchHighlighted(db, request, PAGE_HIGHLIGHT)
        view.results = {
          total: found.total,
          hits: found.hits.map(({ paper, highlighted }) => ({
            paper,
            title: highlighted.title,
            authors: highlighted.authors ?? [],
            snippet: highlighted.summary,
          })),
        }
        view.follows = await followsOffered(db, options, query.categories, found.hits)
        view.voted = await viewerVotes(
          db,
          found.hits.map((h) => h.paper.id),
        )
      }
      return htmlOf(<SearchPage site={site} view={view} />)
    })
  }

  app.get(SEARCH_PATH, (c) => results(c, SEARCH_PATH))
  // Hugging Face's address for a search; without a query it is the daily list, served further on.
  app.get(PAPERS_SEARCH_PATH, (c, next) => (c.req.query('q')?.trim() ? results(c, PAPERS_SEARCH_PATH) : next()))
  return app
}

/**
 * What a search's results offer to follow: the search itself (its words and filters) and each
 * category it names, with whether the signed-in reader follows each already.
 */
async function followsOffered(
  db: Db,
  options: SearchOptions,
  named: string[],
  hits: { paper: Paper }[],
): Promise<SearchView['follows']> {
  const offered: SearchView['follows'] = []
  // `cat:` comes lowercased; a result shows the category as arXiv writes it (cs.LG).
  const printed = new Map(hits.flatMap((h) => h.paper.categories.map((c) => [c.toLowerCase(), c] as const)))
  if (options.q || options.categories.length > 0) {
    const target = canonicalSearch(searchParamsOf(options).toString())
    offered.push({ kind: 'search', target, label: 'this search', following: false })
  }
  const categories = new Map([...named, ...options.categories].map((c) => [c.toLowerCase(), c]))
  for (const [lower, category] of categories) {
    offered.push({ kind: 'category', target: category, label: printed.get(lower) ?? category, following: false })
  }
  for (const f of offered) {
    const followed = await viewerFollow(db, f.kind, f.target)
    f.following = followed !== null
    if (followed && f.kind === 'category') f.label = followed.label // as the reader followed it: cs.CL
  }
  return offered
}
