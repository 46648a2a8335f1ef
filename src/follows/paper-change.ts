import type { AlertPaper } from './alert.js'

/** What happened to a paper a reader knew: a later arXiv version, or a withdrawal. */
export type PaperChange = NonNullable<AlertPaper['change']>

/**
 * What changed about a paper since the reader came to know it (`knownSince`: when they collected
 * it, or last marked the Following page as seen; null when it is new to them, so nothing changed).
 * A withdrawal shows always; a version counts when arXiv dated it after `knownSince`
 * (docs/decisions/0025-follows.md).
 */
export function paperChange(
  paper: { withdrawn: boolean; version: number | null; updatedAt: string | null },
  knownSince: string | null,
): PaperChange | null {
  if (paper.withdrawn) return { kind: 'withdrawn' }
  if (knownSince === null || !paper.version || paper.version < 2 || !paper.updatedAt) return null
  return Date.parse(paper.updatedAt) > Date.parse(knownSince) ? { kind: 'new-version', version: paper.version } : null
}
