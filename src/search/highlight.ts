import type { ParsedQuery } from './model.js'

/** A piece of displayed text, highlighted when it is a word the query matched (Hugging Face's shape). */
export interface Segment {
  type: 'text' | 'highlight'
  text: string
}

/**
 * `text` cut into segments, the words the query looks for highlighted.
 *
 * PLACEHOLDER (the query-language work replaces it): nothing is highlighted.
 */
export function highlight(text: string, _query: ParsedQuery): Segment[] {
  return text ? [{ type: 'text', text }] : []
}

/** The part of a long text (an abstract) of at most `maxChars` where the query's words are densest, highlighted. */
export function snippet(text: string, query: ParsedQuery, maxChars = 300): Segment[] {
  return highlight(text.length > maxChars ? text.slice(0, maxChars) + '…' : text, query)
}
