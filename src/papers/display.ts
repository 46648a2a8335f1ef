import type { Author, Featuring } from './model.js'

/** Lists with more names than this are shortened on cards: "A, B, C and 12 others". */
export const MAX_CARD_AUTHORS = 4
const NEW_FOR_MS = 24 * 3_600_000 // the "new" mark lasts a day, as a daily page does

export function shortAuthors(authors: Author[]): string {
  const names = authors.filter((a) => !a.hidden).map((a) => a.name)
  if (names.length <= MAX_CARD_AUTHORS) return joinNames(names)
  const shown = MAX_CARD_AUTHORS - 1
  return `${names.slice(0, shown).join(', ')} and ${names.length - shown} others`
}

export function joinNames(names: string[]): string {
  if (names.length <= 2) return names.join(' and ')
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`
}

/** A paper featured in the last day is marked "new"; the bundled demo set never is. */
export function isNew(featuring: Featuring, now: number): boolean {
  if (featuring.source === 'demo') return false
  const at = Date.parse(featuring.submittedAt)
  return now - at < NEW_FOR_MS && at <= now
}
