import type { Paper } from '../model.js'
import { citationKey, toBibtex } from './bibtex.js'
import { toCslItem } from './csl-json.js'
import { toRis } from './ris.js'

/** The citation formats a paper or a list can be taken away in, by file extension. */
export const EXPORT_FORMATS = {
  bib: { label: 'BibTeX', type: 'application/x-bibtex; charset=utf-8' },
  ris: { label: 'RIS', type: 'application/x-research-info-systems; charset=utf-8' },
  'csl.json': { label: 'CSL-JSON', type: 'application/vnd.citationstyles.csl+json; charset=utf-8' },
} as const
export type ExportFormat = keyof typeof EXPORT_FORMATS

/**
 * Papers in one citation format, ready to save as a file. In a list, citation keys are made unique
 * (`smith2024deep`, `smith2024deepb`, …) so that a .bib of a whole day loads without a clash.
 */
export function exportPapers(format: ExportFormat, papers: Paper[], urlOf: (paper: Paper) => string): string {
  const taken = new Set<string>()
  const keyOf = (paper: Paper) => {
    const base = citationKey(
      paper,
      paper.authors.filter((a) => !a.hidden).map((a) => a.name),
      paper.publishedAt?.slice(0, 4),
    )
    let key = base
    for (let n = 1; taken.has(key); n++)
      key = `${base}${String.fromCharCode(97 + (n % 26))}${n >= 26 ? Math.floor(n / 26) : ''}`
    taken.add(key)
    return key
  }
  if (format === 'bib') return `${papers.map((p) => toBibtex(p, urlOf(p), keyOf(p))).join('\n\n')}\n`
  if (format === 'ris') return papers.map((p) => toRis(p, urlOf(p))).join('\r\n')
  return `${JSON.stringify(
    papers.map((p) => toCslItem(p, urlOf(p), keyOf(p))),
    null,
    2,
  )}\n`
}
