import { plugins } from '@citation-js/core'
import '@citation-js/plugin-bibtex'
import { findArxivId, type PaperId, parseArxivId } from '../papers/arxiv-id.js'
import type { Skipped } from './format.js'

/** What a .bib file gave: the arXiv ids of its entries in file order, and the entries without one. */
export interface BibtexIds {
  ids: string[]
  skipped: Skipped[]
}

interface RawEntry {
  type: string
  label: string
  properties: Record<string, string>
}

/**
 * The arXiv ids a BibTeX file names, parsed with citation.js's BibTeX grammar (never a regex over
 * the file). An entry names one by any of the styles reference managers write: `eprint` with
 * `archivePrefix = arXiv` (or biblatex's `eprinttype`), an arxiv.org URL, arXiv's DOI
 * (10.48550/arXiv.X) or Google Scholar's `journal = {arXiv preprint arXiv:X}`. Returns an error with the
 * parser's position when the file is not BibTeX.
 */
export function arxivIdsInBibtex(text: string): BibtexIds | { error: string } {
  let entries: RawEntry[]
  try {
    entries = toEntries(plugins.input.chainLink(text, { type: '@biblatex/text' }))
  } catch (error) {
    const where = /line \d+ col \d+/.exec(error instanceof Error ? error.message : '')
    return { error: `This is not a BibTeX file we can read${where ? ` (at ${where[0]})` : ''}.` }
  }
  const ids: string[] = []
  const skipped: Skipped[] = []
  for (const [n, entry] of entries.entries()) {
    const what = `entry ${n + 1}${entry.label ? ` (${entry.label.slice(0, 100)})` : ''}`
    const id = arxivIdOf(entry.properties)
    if (id) ids.push(id.id)
    else skipped.push({ what, reason: 'it names no arXiv id (eprint, arxiv.org URL or arXiv DOI)' })
  }
  return { ids: [...new Set(ids)], skipped }
}

function toEntries(parsed: unknown): RawEntry[] {
  if (!Array.isArray(parsed)) return []
  return parsed.filter(
    (e): e is RawEntry =>
      typeof e === 'object' && e !== null && typeof e.label === 'string' && typeof e.properties === 'object',
  )
}

const ARXIV_DOI = /^(?:https?:\/\/(?:dx\.)?doi\.org\/)?10\.48550\/arxiv\.(.+)$/i
const ARXIV_IN_TEXT = /\barxiv:\s*([a-z-]+(?:\.[A-Z]{2})?\/\d{7}(?:v\d+)?|\d{4}\.\d{4,5}(?:v\d+)?)/i

/** The arXiv id one entry's fields name, or null. */
export function arxivIdOf(fields: Record<string, string>): PaperId | null {
  const get = (name: string) => {
    const value = fields[name] ?? fields[name.toLowerCase()]
    return typeof value === 'string' ? value.replace(/[{}]/g, '').trim() : ''
  }
  const prefix = (get('archiveprefix') || get('eprinttype')).toLowerCase()
  const eprint = get('eprint')
  if (eprint && (prefix === 'arxiv' || (!prefix && /^arxiv:/i.test(eprint)))) {
    const id = findArxivId(eprint)
    if (id) return id
  }
  const doi = ARXIV_DOI.exec(get('doi'))
  if (doi) {
    const id = parseArxivId(doi[1]!)
    if (id) return id
  }
  for (const field of ['url', 'howpublished', 'note']) {
    const value = get(field)
    if (/arxiv\.org\//i.test(value)) {
      const id = findArxivId(value.replace(/^\\url/, ''))
      if (id) return id
    }
  }
  for (const field of ['journal', 'journaltitle', 'note', 'howpublished']) {
    const m = ARXIV_IN_TEXT.exec(get(field))
    const id = m ? parseArxivId(m[1]!) : null
    if (id) return id
  }
  return null
}
