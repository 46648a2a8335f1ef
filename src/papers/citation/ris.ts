import { collapseWhitespace } from '../../platform/text.js'
import { arxivAbsUrl, arxivPdfUrl, isArxivId } from '../arxiv-id.js'
import type { Paper } from '../model.js'
import { texToPlainText } from '../tex/plain.js'
import { splitName } from './names.js'

/**
 * RIS, the tagged format every reference manager imports (Zotero, EndNote, Mendeley): a preprint
 * (`UNPB`) with authors as "Family, Given", its arXiv date, abstract, links and DOI. Lines end in
 * CRLF, as the format's specification asks; values are one line each.
 */
export function toRis(paper: Paper, url: string): string {
  const line = (tag: string, value: string | null | undefined) =>
    value ? [`${tag}  - ${collapseWhitespace(value.replace(/[\r\n]+/g, ' '))}`] : []
  const authors = paper.authors.filter((a) => !a.hidden).map((a) => a.name)
  const date = paper.publishedAt?.slice(0, 10)
  const arxiv = isArxivId(paper.id)
  return [
    'TY  - UNPB',
    ...line('TI', texToPlainText(paper.title)),
    ...authors.flatMap((name) => {
      const split = splitName(name)
      return line('AU', 'literal' in split ? split.literal : `${split.family}, ${split.given}`)
    }),
    ...line('PY', date?.slice(0, 4)),
    ...line('DA', date?.replaceAll('-', '/')),
    ...line('AB', texToPlainText(paper.abstract)),
    ...(arxiv
      ? [...line('PB', 'arXiv'), ...line('AN', `arXiv:${paper.id}`), ...line('L1', arxivPdfUrl(paper.id))]
      : []),
    ...line('UR', arxiv ? arxivAbsUrl(paper.id) : url),
    ...line('DO', paper.doi),
    ...line('JO', paper.journalRef),
    ...paper.categories.flatMap((c) => line('KW', c)),
    'ER  - ',
    '',
  ].join('\r\n')
}
