import { arxivAbsUrl, arxivPdfUrl, isArxivId } from '../arxiv-id.js'
import type { Paper } from '../model.js'
import { texToPlainText } from '../tex/plain.js'

/**
 * Highwire Press `citation_*` tags, the ones Google Scholar's inclusion guidelines ask for and
 * Zotero's translators read: title, one tag per author, date as YYYY/MM/DD, PDF URL.
 */
export function citationMeta(paper: Paper): [string, string][] {
  const tags: [string, string][] = [['citation_title', texToPlainText(paper.title)]]
  for (const a of paper.authors) if (!a.hidden) tags.push(['citation_author', a.name])
  if (paper.publishedAt) {
    const date = paper.publishedAt.slice(0, 10).replaceAll('-', '/')
    tags.push(['citation_publication_date', date], ['citation_online_date', date])
  }
  if (isArxivId(paper.id)) {
    tags.push(
      ['citation_arxiv_id', paper.id],
      ['citation_pdf_url', arxivPdfUrl(paper.id)],
      ['citation_abstract_html_url', arxivAbsUrl(paper.id)],
    )
  }
  if (paper.doi) tags.push(['citation_doi', paper.doi])
  if (paper.journalRef) tags.push(['citation_journal_title', paper.journalRef])
  return tags
}
