// The relevance set: known-item queries built from real papers, deterministically from a seed.
// Each kind imitates one way people search again for a paper they know:
//   title          4 distinctive words remembered from its title            → that paper
//   author_field   `author:"First Last"`                                    → every paper of that name
//   author_words   First Last, as plain words                               → every paper of that name
//   paraphrase     4 abstract words that are not in the title               → that paper
//   synonyms       the same words, those in a hand-written list replaced by
//                  a synonym or hypernym (words.ts)                          → that paper
import { createRandom, pickIndex, type Random } from '../corpus/random.js'
import { indexTokens, queryWordToken } from '../../src/search/normalize.js'
import type { ListedPaper } from './listings.js'
import { STOPWORDS, SYNONYMS } from './words.js'

export type QueryKind = 'title' | 'author_field' | 'author_words' | 'paraphrase' | 'synonyms'
export const QUERY_KINDS: readonly QueryKind[] = ['title', 'author_field', 'author_words', 'paraphrase', 'synonyms']

export interface RelevanceQuery {
  kind: QueryKind
  text: string
  /** The papers a searcher wants: one for a known item, all of an author's for a name. */
  relevant: string[]
}

/** Words remembered from a title. */
const TITLE_WORDS = 4
/** Words of a paraphrase. */
const PARAPHRASE_WORDS = 4
/**
 * A paraphrase uses words of middling frequency: none that names a handful of papers (a searcher
 * describing an idea does not know its rare terms), nor one in every twentieth paper ("model").
 */
const PARAPHRASE_MIN_DF = 20
const PARAPHRASE_MAX_DF_SHARE = 0.05

export function buildQuerySet(papers: readonly ListedPaper[], perKind: number, seed: number): RelevanceQuery[] {
  const df = documentFrequencies(papers)
  return [
    ...titleQueries(papers, perKind, createRandom(seed)),
    ...authorQueries(papers, perKind, createRandom(seed + 1)),
    ...paraphraseQueries(papers, perKind, createRandom(seed + 2), df),
  ]
}

function titleQueries(papers: readonly ListedPaper[], n: number, random: Random): RelevanceQuery[] {
  const out: RelevanceQuery[] = []
  for (const paper of drawPapers(papers, random)) {
    if (out.length >= n) break
    const candidates = contentWords(paper.title, new Set())
    if (candidates.length < TITLE_WORDS) continue
    const chosen = choose(candidates, TITLE_WORDS, random)
    out.push({ kind: 'title', text: chosen.map((w) => w.text).join(' '), relevant: [paper.id] })
  }
  return out
}

function authorQueries(papers: readonly ListedPaper[], n: number, random: Random): RelevanceQuery[] {
  const byName = new Map<string, string[]>()
  for (const paper of papers)
    for (const name of new Set(paper.authors)) byName.set(name, [...(byName.get(name) ?? []), paper.id])
  const out: RelevanceQuery[] = []
  const seen = new Set<string>()
  for (const paper of drawPapers(papers, random)) {
    if (out.length >= 2 * n) break
    const name = paper.authors[pickIndex(random, paper.authors.length)]!
    if (seen.has(name) || !isPersonName(name)) continue
    seen.add(name)
    const relevant = byName.get(name)!
    out.push({ kind: 'author_field', text: `author:"${name}"`, relevant })
    out.push({ kind: 'author_words', text: name, relevant })
  }
  return out
}

function paraphraseQueries(
  papers: readonly ListedPaper[],
  n: number,
  random: Random,
  df: Map<string, number>,
): RelevanceQuery[] {
  const maxDf = PARAPHRASE_MAX_DF_SHARE * papers.length
  const out: RelevanceQuery[] = []
  for (const paper of drawPapers(papers, random)) {
    if (out.length >= 2 * n) break
    const inTitle = new Set(indexTokens(paper.title))
    const candidates = contentWords(paper.abstract, inTitle).filter((w) => {
      const f = df.get(w.token) ?? 0
      return f >= PARAPHRASE_MIN_DF && f <= maxDf
    })
    if (candidates.length < PARAPHRASE_WORDS) continue
    const chosen = choose(candidates, PARAPHRASE_WORDS, random)
    const swapped = chosen.map((w) => SYNONYMS[w.text] ?? w.text)
    // A synonym query only where at least one word changed, or it would repeat the paraphrase.
    if (!swapped.some((s, i) => s !== chosen[i]!.text)) continue
    const relevant = [paper.id]
    out.push({ kind: 'paraphrase', text: chosen.map((w) => w.text).join(' '), relevant })
    out.push({ kind: 'synonyms', text: swapped.join(' '), relevant })
  }
  return out
}

interface TextWord {
  /** As a searcher types it: lowercase, the punctuation around it dropped. */
  text: string
  token: string
}

/**
 * The words of a text a searcher would type: not stopwords, no TeX, one of each token, and none
 * whose token is in `exclude`.
 */
export function contentWords(text: string, exclude: ReadonlySet<string>): TextWord[] {
  const seen = new Set<string>()
  const out: TextWord[] = []
  for (const raw of text.split(/\s+/)) {
    const word = raw.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '').toLowerCase()
    if (word.length < 2 || /[$\\{}^_]/.test(word) || STOPWORDS.has(word)) continue
    const token = queryWordToken(word)
    if (!token || seen.has(token) || exclude.has(token)) continue
    seen.add(token)
    out.push({ text: word, token })
  }
  return out
}

/** `k` of the items at random, in the order they stand (a remembered title keeps its order). */
function choose<T>(items: readonly T[], k: number, random: Random): T[] {
  const picked = new Set<number>()
  while (picked.size < k) picked.add(pickIndex(random, items.length))
  return [...picked].sort((a, b) => a - b).map((i) => items[i]!)
}

/** Papers in a seeded random order, each once. */
function* drawPapers(papers: readonly ListedPaper[], random: Random): Generator<ListedPaper> {
  const order = papers.map((_, i) => i)
  for (let i = order.length - 1; i > 0; i--) {
    const j = pickIndex(random, i + 1)
    ;[order[i], order[j]] = [order[j]!, order[i]!]
  }
  for (const i of order) yield papers[i]!
}

/** A person's name as people type it: two or more words of letters, no collaboration. */
function isPersonName(name: string): boolean {
  return (
    /^\p{L}[\p{L}.'’\- ]*$/u.test(name) &&
    name.trim().split(/\s+/).length >= 2 &&
    !/collaboration|team|group/i.test(name)
  )
}

function documentFrequencies(papers: readonly ListedPaper[]): Map<string, number> {
  const df = new Map<string, number>()
  for (const paper of papers) {
    for (const token of new Set(indexTokens(`${paper.title} ${paper.abstract}`)))
      df.set(token, (df.get(token) ?? 0) + 1)
  }
  return df
}
