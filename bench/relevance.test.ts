import { describe, expect, it } from 'vitest'
import type { ListedPaper } from './relevance/listings.js'
import { reciprocalRank, recallAt, successAt, summarize } from './relevance/metrics.js'
import { buildQuerySet, contentWords } from './relevance/queries.js'
import { SYNONYMS } from './relevance/words.js'

// 200 abstract words, each in 32 of the 800 papers: frequent enough for a paraphrase, rare enough
// to say something, and most of them with a synonym.
const N = 800
const P = 200
const POOL = [...Object.keys(SYNONYMS), ...Array.from({ length: P }, (_, i) => `filler${i}`)].slice(0, P)
const papers: ListedPaper[] = Array.from({ length: N }, (_, i) => ({
  id: `2501.${String(i).padStart(5, '0')}`,
  title: `Scalable Vision-Language Pre-Training for Robot ${['Grasping', 'Navigation', 'Planning'][i % 3]} number${i}`,
  abstract: `We ${Array.from({ length: 8 }, (_, j) => POOL[(i * 7 + j * 13) % P]).join(' and ')}.`,
  authors: [`Ada Lovelace`, `Grace Hopper${i % 4}`, 'ATLAS Collaboration'],
}))

describe('the relevance query set', () => {
  it('is the same for the same seed and differs for another', () => {
    const a = buildQuerySet(papers, 20, 7)
    expect(buildQuerySet(papers, 20, 7)).toEqual(a)
    expect(buildQuerySet(papers, 20, 8)).not.toEqual(a)
  })

  it('builds title queries of 4 title words, no stopwords, pointing at their paper', () => {
    const titles = buildQuerySet(papers, 20, 1).filter((q) => q.kind === 'title')
    expect(titles).toHaveLength(20)
    for (const q of titles) {
      const paper = papers.find((p) => p.id === q.relevant[0])!
      const words = q.text.split(' ')
      expect(words).toHaveLength(4)
      for (const w of words) expect(paper.title.toLowerCase()).toContain(w)
      expect(words).not.toContain('for')
    }
  })

  it('asks for authors by field and by plain words, with every paper of that name relevant', () => {
    const set = buildQuerySet(papers, 20, 1)
    const byField = set.filter((q) => q.kind === 'author_field')
    expect(byField.length).toBeGreaterThan(0)
    const ada = byField.find((q) => q.text === 'author:"Ada Lovelace"')
    if (ada) expect(ada.relevant).toHaveLength(N)
    expect(set.some((q) => q.text.includes('Collaboration'))).toBe(false)
    expect(set.filter((q) => q.kind === 'author_words').map((q) => `author:"${q.text}"`)).toEqual(
      byField.map((q) => q.text),
    )
  })

  it('paraphrases with abstract words that are not in the title, and a synonym variant', () => {
    const set = buildQuerySet(papers, 20, 1)
    const paraphrases = set.filter((q) => q.kind === 'paraphrase')
    const synonyms = set.filter((q) => q.kind === 'synonyms')
    expect(paraphrases.length).toBeGreaterThan(0)
    expect(synonyms).toHaveLength(paraphrases.length)
    for (const q of paraphrases) {
      const paper = papers.find((p) => p.id === q.relevant[0])!
      const titleTokens = new Set(contentWords(paper.title, new Set()).map((w) => w.token))
      for (const w of contentWords(q.text, new Set())) expect(titleTokens.has(w.token)).toBe(false)
    }
    synonyms.forEach((q, i) => expect(q.text).not.toBe(paraphrases[i]!.text))
  })
})

describe('known-item metrics', () => {
  const relevant = new Set(['b', 'x'])
  it('scores the first relevant result', () => {
    expect(reciprocalRank(['a', 'b', 'c'], relevant)).toBe(0.5)
    expect(reciprocalRank(['a', 'c'], relevant)).toBe(0)
    expect(successAt(['a', 'c', 'd', 'b'], relevant, 3)).toBe(false)
    expect(successAt(['a', 'c', 'b'], relevant, 3)).toBe(true)
  })
  it('counts recall out of what fits on the page', () => {
    expect(recallAt(['b', 'q'], relevant, 10)).toBe(0.5)
    expect(recallAt(['b'], new Set(Array.from({ length: 30 }, (_, i) => (i === 0 ? 'b' : `p${i}`))), 10)).toBe(0.1)
  })
  it('averages per kind', () => {
    const s = summarize([
      { ranked: ['b'], relevant },
      { ranked: ['z', 'z', 'z', 'x'], relevant },
    ])
    expect(s).toEqual({ queries: 2, mrr: 0.625, success_at_3: 0.5, success_at_10: 1, recall_at_10: 0.5 })
  })
})
