import type { Atom, Field, ParsedQuery } from './model.js'
import { isStopword } from './query-stopwords.js'

/**
 * The query written back in the query language, the same for every spelling of one query (`ti:` or
 * `title:`, `|` or `OR`, Transformers or transformer), for cache keys and "results for …". Word
 * order is kept, as the reader typed it; parseQuery sorts the atoms of an OR group and the categories.
 */
export function formatQuery(q: ParsedQuery): string {
  const parts = q.groups.map(formatGroup)
  for (const a of q.excluded) parts.push('-' + formatAtom(a))
  for (const c of q.categories) parts.push('cat:' + c)
  if (q.years)
    parts.push(q.years.from === q.years.until ? `year:${q.years.from}` : `year:${q.years.from}..${q.years.until}`)
  return parts.join(' ')
}

const FIELD_NAMES: Record<Field, string> = { all: '', title: 'title:', abstract: 'abstract:', author: 'author:' }

export function formatGroup(g: Atom[]): string {
  return g.map(formatAtom).join(' OR ')
}

/** A common word that was kept is quoted, so that it is kept again when read back. */
export function formatAtom(a: Atom): string {
  const value = a.prefix
    ? `${a.tokens.join('')}*`
    : a.phrase || a.tokens.length !== 1 || isStopword(a)
      ? `"${a.tokens.join(' ')}"`
      : a.tokens[0]!
  return FIELD_NAMES[a.field] + value
}
