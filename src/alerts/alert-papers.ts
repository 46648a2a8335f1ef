import { paperSummary } from '../digest/compose.js'
import type { AlertPaper } from '../follows/alert.js'
import type { AlertFollow } from '../follows/alert-follows.js'
import { arxivAbsUrl, isArxivId } from '../papers/arxiv-id.js'
import type { Paper } from '../papers/model.js'
import { paperPath } from '../papers/paths.js'
import { texToPlainText } from '../papers/tex/plain.js'
import { SEARCH_PATH } from '../search/paths.js'

/** A catalog paper as an alert carries it: plain text, absolute links, why it is there. */
export function toAlertPaper(paper: Paper, baseUrl: string, why: string, change?: AlertPaper['change']): AlertPaper {
  const url = `${baseUrl}${paperPath(paper.id)}`
  return {
    id: paper.id,
    title: texToPlainText(paper.title),
    authors: paper.authors.filter((a) => !a.hidden).map((a) => a.name),
    summary: paperSummary(paper),
    url,
    arxivUrl: isArxivId(paper.id) ? arxivAbsUrl(paper.id) : url,
    ...(change && { change }),
    why,
  }
}

/** Where "see all" of a follow leads: its author, category or search page; the Following page for collections. */
export function followUrl(follow: Pick<AlertFollow, 'kind' | 'target'>, baseUrl: string): string {
  switch (follow.kind) {
    case 'author':
      return `${baseUrl}/authors/${encodeURIComponent(follow.target)}`
    case 'category':
      return `${baseUrl}/c/${encodeURIComponent(follow.target)}`
    case 'search':
      return `${baseUrl}${SEARCH_PATH}?${follow.target}`
    case 'collection':
    case 'collected':
      return `${baseUrl}/following`
  }
}

/** What an alert says of a change to a paper it sent before. */
export function describeChange(change: NonNullable<AlertPaper['change']>): string {
  return change.kind === 'withdrawn' ? 'withdrawn by its authors' : `new version v${change.version}`
}
