import { collapseWhitespace } from '../../platform/text.js'
import { arxivAbsUrl, isArxivId } from '../arxiv-id.js'
import type { Paper } from '../model.js'
import { texToPlainText } from '../tex/plain.js'
import { citationKey } from './bibtex.js'
import { splitName } from './names.js'

/** One CSL-JSON item, the input of citeproc processors (Pandoc, Zotero, citation.js). */
export interface CslItem {
  id: string
  type: 'article'
  title: string
  author?: ({ family: string; given: string } | { literal: string })[]
  issued?: { 'date-parts': [[number, number, number]] }
  abstract?: string
  URL: string
  DOI?: string
  publisher?: string
  number?: string
  genre?: string
  keyword?: string
}

/**
 * A paper as CSL-JSON: CSL 1.0.2 files preprints under `article` with the server as publisher
 * and the identifier as number, which citeproc styles render as "arXiv:2401.00001".
 */
export function toCslItem(paper: Paper, url: string, id?: string): CslItem {
  const authors = paper.authors.filter((a) => !a.hidden).map((a) => a.name)
  const date = paper.publishedAt?.slice(0, 10).split('-').map(Number)
  const arxiv = isArxivId(paper.id)
  return {
    id: id ?? citationKey(paper, authors, paper.publishedAt?.slice(0, 4)),
    type: 'article',
    title: collapseWhitespace(texToPlainText(paper.title)),
    ...(authors.length > 0 && { author: authors.map(splitName) }),
    ...(date && date.length === 3 && { issued: { 'date-parts': [date as [number, number, number]] } }),
    ...(paper.abstract && { abstract: collapseWhitespace(texToPlainText(paper.abstract)) }),
    URL: arxiv ? arxivAbsUrl(paper.id) : url,
    ...(paper.doi && { DOI: paper.doi }),
    ...(arxiv && { publisher: 'arXiv', number: `arXiv:${paper.id}`, genre: 'Preprint' }),
    ...(paper.categories.length > 0 && { keyword: paper.categories.join(', ') }),
  }
}
