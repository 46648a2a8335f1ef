/**
 * `/api/v1/search`'s results as JSON text (api.ts), made where the page's papers were read: by a
 * search worker (engines/sqlite-search-worker.ts), so that the server's thread neither receives
 * twenty papers as objects nor writes them out, or by the server's thread for any other engine.
 */
import type { PaperSummary } from '../papers/model.js'
import type { HighlightedHit } from './shown-papers.js'

/** The results array, snake_case like every field of that API (openapi.ts). */
export function v1ResultsJson(hits: readonly HighlightedHit<PaperSummary>[]): string {
  return JSON.stringify(hits.map(v1Result))
}

function v1Result({ paper, score, highlighted }: HighlightedHit<PaperSummary>) {
  return {
    id: paper.id,
    title: paper.title,
    authors: paper.authors.filter((a) => !a.hidden).map((a) => a.name),
    published_at: paper.publishedAt,
    upvotes: paper.upvotes,
    github_repo: paper.githubRepo,
    categories: paper.categories,
    score,
    highlighted_title: highlighted.title,
    highlighted_summary: highlighted.summary,
  }
}
