import { collapseWhitespace } from '../../platform/text.js'
import { isArxivId } from '../arxiv-id.js'
import type { Paper } from '../model.js'
import { texToLatex } from '../tex/latex.js'
import { texToPlainText } from '../tex/plain.js'

/**
 * A BibTeX entry in the form arXiv's own export uses (@misc with eprint/archivePrefix), which
 * biblatex and natbib styles both render as an arXiv preprint.
 */
export function toBibtex(paper: Paper, url: string, key?: string): string {
  const year = paper.publishedAt?.slice(0, 4)
  const authors = paper.authors.filter((a) => !a.hidden).map((a) => a.name)
  const fields: [string, string | undefined][] = [
    ['title', texToLatex(collapseWhitespace(paper.title))],
    ['author', authors.length > 0 ? authors.map(texToLatex).join(' and ') : undefined],
    ['year', year],
  ]
  if (isArxivId(paper.id)) {
    fields.push(['eprint', paper.id], ['archivePrefix', 'arXiv'], ['primaryClass', paper.categories[0]])
  }
  fields.push(['doi', paper.doi ?? undefined], ['url', url])
  const body = fields
    .filter((f): f is [string, string] => !!f[1])
    .map(([k, v]) => `  ${k} = {${v}},`)
    .join('\n')
  return `@misc{${key ?? citationKey(paper, authors, year)},\n${body}\n}`
}

/** `huang2026envharness`: first author's family name, year, first word of the title. */
export function citationKey(paper: Paper, authors: string[], year: string | undefined): string {
  const family = ascii(authors[0]?.split(/\s+/).at(-1) ?? '')
  const word =
    texToPlainText(paper.title)
      .split(/\s+/)
      .map(ascii)
      .find((w) => w.length > 3 && !STOP.has(w)) ?? ''
  return `${family}${year ?? ''}${word}` || paper.id.replace(/[^a-z0-9]/gi, '')
}

const STOP = new Set(['with', 'from', 'that', 'this', 'towards', 'toward', 'what', 'when', 'your', 'into'])

const ascii = (s: string) =>
  s
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '')
