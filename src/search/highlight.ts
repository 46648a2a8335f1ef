import { shortAuthors } from '../papers/display.js'
import type { PaperSummary } from '../papers/model.js'
import { texToPlainText } from '../papers/tex/plain.js'
import type { Atom, Field, ParsedQuery } from './model.js'
import { type Word, wordsStartingWith } from './normalize.js'

/** A piece of displayed text, highlighted when it is a word the query matched (Hugging Face's shape). */
export interface Segment {
  type: 'text' | 'highlight'
  text: string
}

/**
 * `text` cut into segments, the words the query looks for highlighted; the segments joined give
 * `text` back exactly. A word is highlighted when one of its tokens is a word the query requires,
 * starts with one of its prefixes, or stands in one of its phrases; excluded words never are. With
 * `field` (the text is a title, say), atoms limited to another field (`author:`) are left out.
 */
export function highlight(text: string, query: ParsedQuery, field?: Exclude<Field, 'all'>): Segment[] {
  return segments(text, 0, text.length, matchedRanges(text, query, field))
}

/** How a result's texts are highlighted, as data: a search worker highlights what the caller plans. */
export interface HighlightPlan {
  /** Title and abstract read as plain text first (the pages: a highlight must not cut a TeX formula in two). */
  plain: boolean
  /** The abstract's densest passage of at most this many characters (`snippet`); null for the whole abstract. */
  summaryChars: number | null
  /** The short author line too (the pages). */
  authors: boolean
}

export interface HighlightedPaper {
  title: Segment[]
  summary: Segment[]
  authors?: Segment[]
}

/** A result's title, abstract and, if planned, author line, highlighted for `query`. */
export function highlightPaper(
  paper: Pick<PaperSummary, 'title' | 'abstract' | 'authors'>,
  query: ParsedQuery,
  plan: HighlightPlan,
): HighlightedPaper {
  const title = plan.plain ? texToPlainText(paper.title) : paper.title
  const abstract = plan.plain ? texToPlainText(paper.abstract) : paper.abstract
  return {
    title: highlight(title, query, 'title'),
    summary:
      plan.summaryChars === null
        ? highlight(abstract, query, 'abstract')
        : snippet(abstract, query, plan.summaryChars, 'abstract'),
    ...(plan.authors ? { authors: highlight(shortAuthors(paper.authors), query, 'author') } : {}),
  }
}

/**
 * The part of a long text (an abstract) of at most `maxChars` where the query's words are densest,
 * highlighted, cut at words, with "…" added where it was cut; the start of the text without a match.
 */
export function snippet(text: string, query: ParsedQuery, maxChars = 300, field?: Exclude<Field, 'all'>): Segment[] {
  const all = wordsFor(text, query, field)
  const ranges = matchedRanges(text, query, field, all)
  if (text.length <= maxChars) return segments(text, 0, text.length, ranges)
  const [from, until] = snippetWindow(text, all, ranges, Math.max(1, Math.floor(maxChars) || 1))
  const body = segments(text, from, until, ranges)
  return mergeText([
    ...(from > 0 ? [{ type: 'text' as const, text: '…' }] : []),
    ...body,
    ...(until < text.length ? [{ type: 'text' as const, text: '…' }] : []),
  ])
}

export type Range = [start: number, end: number]

/** What a query looks for in one field, worked out once for all the texts of a page. */
interface Sought {
  /** The first characters of its tokens: the words `wordsStartingWith` reads. */
  firsts: ReadonlySet<string>
  /** Tokens wanted as words. */
  wanted: ReadonlySet<string>
  prefixes: readonly string[]
  phrases: readonly Atom[]
}

const soughtOf = new WeakMap<ParsedQuery, Map<Field | undefined, Sought>>()

/** What the query's atoms that look in `field` (every one without a field) look for. */
function sought(query: ParsedQuery, field?: Field): Sought {
  let byField = soughtOf.get(query)
  if (!byField) soughtOf.set(query, (byField = new Map()))
  let found = byField.get(field)
  if (!found) {
    const atoms = query.groups.flat().filter((a) => a.field === 'all' || field === undefined || a.field === field)
    found = {
      firsts: new Set(atoms.flatMap((a) => a.tokens.map((t) => t[0] ?? ''))),
      wanted: new Set(atoms.filter((a) => !a.phrase && !a.prefix).flatMap((a) => a.tokens)),
      prefixes: atoms.filter((a) => a.prefix).flatMap((a) => a.tokens),
      phrases: atoms.filter((a) => a.phrase),
    }
    byField.set(field, found)
  }
  return found
}

/** The text's words, their tokens read where they may be one the query looks for in `field`. */
function wordsFor(text: string, query: ParsedQuery, field?: Field): Word[] {
  return wordsStartingWith(text, sought(query, field).firsts)
}

/**
 * The [start, end) offsets of the highlighted words, in order, neighbours apart only by spaces
 * merged. `all`: the text's words (`wordsFor`; the tests hold it to every word read whole).
 */
export function matchedRanges(
  text: string,
  query: ParsedQuery,
  field?: Field,
  all = wordsFor(text, query, field),
): Range[] {
  const { wanted, prefixes, phrases } = sought(query, field)
  // '' is no token: the words wordsFor left unread stand with it.
  const matches = (t: string) => t !== '' && (wanted.has(t) || prefixes.some((p) => t.startsWith(p)))
  const hit = all.map((w) => w.parts.some(matches) || (w.joined !== undefined && matches(w.joined)))
  for (const phrase of phrases) markPhrase(all, phrase, hit)
  const ranges: Range[] = []
  all.forEach((w, k) => {
    if (!hit[k]) return
    const last = ranges.at(-1)
    if (last && /^\s*$/.test(text.slice(last[1], w.start))) last[1] = w.end
    else ranges.push([w.start, w.end])
  })
  return ranges
}

/**
 * Marks the words where the phrase's tokens stand in order (a compound's parts count one by one):
 * from each part that is the phrase's first token, the parts after it, across words.
 */
function markPhrase(all: Word[], phrase: Atom, hit: boolean[]) {
  const tokens = phrase.tokens
  if (tokens.length === 0) return
  for (let k = 0; k < all.length; k++) {
    const parts = all[k]!.parts
    for (let p = 0; p < parts.length; p++) {
      if (parts[p] !== tokens[0]) continue
      const last = phraseEnd(all, k, p, tokens)
      // Every word has a part: the phrase covers each word from the first to the last.
      for (let w = k; w <= last; w++) hit[w] = true
    }
  }
}

/** The word where `tokens` end when they stand in order from part `p` of word `k`; -1 when they do not. */
function phraseEnd(all: Word[], k: number, p: number, tokens: readonly string[]): number {
  let word = k
  let part = p
  for (let j = 1; j < tokens.length; j++) {
    part++
    while (word < all.length && part >= all[word]!.parts.length) {
      word++
      part = 0
    }
    if (word >= all.length || all[word]!.parts[part] !== tokens[j]) return -1
  }
  return word
}

/** Segments of text[from, until), the ranges highlighted. */
function segments(text: string, from: number, until: number, ranges: Range[]): Segment[] {
  const out: Segment[] = []
  let at = from
  for (const [start, end] of ranges) {
    if (end <= from || start >= until) continue
    const s = Math.max(start, from)
    const e = Math.min(end, until)
    if (s > at) out.push({ type: 'text', text: text.slice(at, s) })
    out.push({ type: 'highlight', text: text.slice(s, e) })
    at = e
  }
  if (until > at) out.push({ type: 'text', text: text.slice(at, until) })
  return out
}

function mergeText(segs: Segment[]): Segment[] {
  const out: Segment[] = []
  for (const s of segs) {
    const last = out.at(-1)
    if (last && last.type === 'text' && s.type === 'text') last.text += s.text
    else out.push({ ...s })
  }
  return out
}

/**
 * The [from, until) of at most `maxChars` characters, cut at word boundaries, holding the most
 * highlighted words, with the matched part near its middle; the start of the text when nothing matched.
 */
function snippetWindow(text: string, all: Word[], ranges: Range[], maxChars: number): Range {
  let r = 0 // ranges and words are both in text order: one sweep
  const hits = all.map((w) => {
    while (r < ranges.length && ranges[r]![1] < w.end) r++
    return r < ranges.length && ranges[r]![0] <= w.start
  })
  // Two pointers: for each first word, the words after it that fit, and how many of them are hits.
  let best = { count: 0, first: 0, last: 0 }
  let last = 0 // exclusive
  let count = 0
  for (let first = 0; first < all.length; first++) {
    if (last < first) {
      last = first
      count = 0
    }
    while (last < all.length && all[last]!.end - all[first]!.start <= maxChars) count += hits[last++] ? 1 : 0
    if (count > best.count) best = { count, first, last: last - 1 }
    if (last > first) count -= hits[first] ? 1 : 0
  }
  if (best.count === 0) {
    return all.length > 0 && all[0]!.end <= maxChars ? [0, fitEnd(all, 0, 0, maxChars)] : [0, safeCut(text, maxChars)]
  }
  // Centre what matched: as much room before its first hit as after its last.
  let a = best.first
  while (!hits[a]) a++
  let b = best.last
  while (!hits[b]) b--
  const slack = maxChars - (all[b]!.end - all[a]!.start)
  let first = a
  while (first > 0 && all[first - 1]!.start >= all[a]!.start - slack / 2) first--
  const from = first === 0 && all[b]!.end <= maxChars ? 0 : all[first]!.start
  return [from, fitEnd(all, first, from, maxChars)]
}

/** The end of the last word from word `first` on that ends within maxChars of `from` (at least word `first`'s). */
function fitEnd(all: Word[], first: number, from: number, maxChars: number): number {
  let last = first
  while (last + 1 < all.length && all[last + 1]!.end - from <= maxChars) last++
  return all[last]!.end
}

/** A hard cut at maxChars, never between the halves of a surrogate pair. */
function safeCut(text: string, maxChars: number): number {
  const end = Math.min(text.length, maxChars)
  return /[\uD800-\uDBFF]/.test(text[end - 1] ?? '') ? end - 1 : end
}
