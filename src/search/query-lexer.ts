/**
 * The first step of reading a query: typed text → a flat list of terms and ORs, with notes on what
 * was not understood. What the terms mean (words, phrases, filters) is query.ts's business.
 */
import { phraseTokens } from './normalize.js'

/** Only the start of a longer query is read: nobody types more, and a pasted page costs the engines. */
export const MAX_QUERY_CHARS = 1000
/** A longer phrase is a pasted paragraph, not something remembered word for word. */
export const MAX_PHRASE_TOKENS = 24

/** Field names as typed (arXiv's search spells them ti:, au:, abs:) → what they search. */
const FIELDS: Record<string, TermField> = {
  title: 'title',
  ti: 'title',
  abstract: 'abstract',
  abs: 'abstract',
  author: 'author',
  au: 'author',
  cat: 'cat',
  year: 'year',
}

export type TermField = 'title' | 'abstract' | 'author' | 'cat' | 'year'

export type Lexeme =
  | { kind: 'or' }
  | {
      kind: 'term'
      negated: boolean
      field: TermField | null
      /** Typed between quotes: a phrase, never dropped as a common word. */
      quoted: boolean
      value: string
    }

const QUOTES = '"“”„'
const isQuote = (ch: string) => QUOTES.includes(ch)
const isSpace = (ch: string) => /[\s()]/.test(ch) // parentheses group nothing here: read as space
// A chunk is the text between spaces, quotes and `|` (the other spelling of OR).
const CHUNK = /[^\s()"“”„|]+/y
const FIELD_PREFIX = /^(-*)(?:([A-Za-z]+):)?([^]*)$/

/**
 * Control characters, lone surrogates and private-use characters are read as spaces; invisible
 * format characters (soft hyphen, zero-width space and joiner, direction marks) are removed, since
 * they sit inside words without separating them.
 */
export function cleanQueryText(text: string): string {
  return text.replace(/[\p{Cc}\p{Cs}\p{Co}\p{Zl}\p{Zp}]/gu, ' ').replace(/\p{Cf}/gu, '')
}

export function lexQuery(typed: string, notes: string[]): Lexeme[] {
  let text = typed
  if (text.length > MAX_QUERY_CHARS) {
    text = text.slice(0, MAX_QUERY_CHARS)
    notes.push(`The query was longer than ${MAX_QUERY_CHARS} characters; only its start was searched.`)
  }
  const s = cleanQueryText(text)
  const out: Lexeme[] = []
  let previous: string | null = null // the last chunk read, to say where an open quote was
  let i = 0
  while (i < s.length) {
    const ch = s[i]!
    if (isSpace(ch)) {
      i++
      continue
    }
    if (ch === '|') {
      while (s[i] === '|') i++
      out.push({ kind: 'or' })
      previous = '|'
      continue
    }
    let negated = false
    let field: TermField | null = null
    if (!isQuote(ch)) {
      CHUNK.lastIndex = i
      const chunk = CHUNK.exec(s)![0]
      i += chunk.length
      previous = chunk
      if (chunk === 'OR') {
        out.push({ kind: 'or' })
        continue
      }
      const [, dashes = '', name, rest = ''] = FIELD_PREFIX.exec(chunk)!
      const known = name === undefined ? undefined : FIELDS[name.toLowerCase()]
      if (dashes.length > 1) notes.push(`“${dashes}” is not an operator and was ignored.`)
      negated = dashes.length === 1
      field = known ?? null
      const value = known || name === undefined ? rest : `${name}:${rest}`
      if (value !== '') {
        out.push({ kind: 'term', negated, field, quoted: false, value })
        continue
      }
      if (!isQuote(s[i] ?? '')) {
        if (known) notes.push(`“${chunk}” had nothing after it and was ignored.`)
        else if (dashes.length === 1) notes.push('A “-” with nothing after it was ignored.')
        continue
      }
      // `-`, `title:` or `-author:` right before a quote: the phrase is theirs.
    }
    const close = indexOfQuote(s, i + 1)
    if (close !== -1) {
      out.push({ kind: 'term', negated, field, quoted: true, value: s.slice(i + 1, close) })
      previous = s.slice(i, close + 1)
      i = close + 1
      continue
    }
    const rest = s.slice(i + 1)
    const where = previous === null ? 'The opening quote' : `The quote after “${shorten(previous)}”`
    i = s.length
    if (rest.trim() === '') {
      notes.push(`${where} was not closed and was ignored.`)
    } else if (phraseTokens(rest).length <= MAX_PHRASE_TOKENS) {
      notes.push(`${where} was not closed; the rest was searched as a phrase.`)
      out.push({ kind: 'term', negated, field, quoted: true, value: rest })
    } else {
      notes.push(`${where} was not closed; the rest was searched as words.`)
      out.push(...lexQuery(rest, notes))
    }
  }
  return out
}

function indexOfQuote(s: string, from: number): number {
  for (let j = from; j < s.length; j++) if (isQuote(s[j]!)) return j
  return -1
}

/** User text quoted in a note, kept short. */
export function shorten(text: string): string {
  const chars = [...text]
  return chars.length > 30 ? chars.slice(0, 29).join('') + '…' : text
}
