import { sql } from 'kysely'
import pino from 'pino'
import { beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../src/app.js'
import { loadConfig } from '../src/config.js'
import { upsertPapers } from '../src/papers/upsert.js'
import { parseQuery } from '../src/search/query.js'
import { searchPapers } from '../src/search/service.js'
import { keyTermsOf, similarPapers } from '../src/search/similar.js'
import { rebuildVectors } from '../src/search/vectors/rebuild.js'
import { estimatePapers, readVectors } from '../src/search/vectors/store.js'
import { describeEachDatabase } from './support/db.js'
import { textOf } from './support/html.js'
import { topicOf, topicPaper, topicPapers } from './support/topic-papers.js'

const papers = topicPapers()

describeEachDatabase('similar papers and search by meaning', (db) => {
  const progress: [number, number][] = []
  beforeAll(async () => {
    await upsertPapers(db(), papers)
    await rebuildVectors(db(), (done, total) => progress.push([done, total]))
  })

  it('stores a vector for every paper, reporting progress to the end', async () => {
    const vectors = await readVectors(
      db(),
      papers.map((p) => p.id),
    )
    expect(vectors.size).toBe(papers.length)
    expect(progress.at(-1)).toEqual([2 * papers.length, 2 * papers.length])
  })

  it('finds five papers of the same topic, never the paper itself, each with shared key terms', async () => {
    for (const paper of [papers[0]!, papers[25]!, papers[47]!]) {
      const similar = await similarPapers(db(), { id: paper.id, title: paper.title, abstract: paper.abstract! })
      expect(similar).toHaveLength(5)
      for (const s of similar) {
        expect(s.paper.id).not.toBe(paper.id)
        expect(topicOf(s.paper.id)).toBe(topicOf(paper.id))
        expect(s.sharedTerms.length).toBeGreaterThan(0)
        const text = `${s.paper.title} ${s.paper.abstract}`.toLowerCase()
        for (const term of s.sharedTerms) expect(text).toContain(term)
      }
    }
  })

  it('gives a paper written after the vectors were built its similar papers too', async () => {
    const late = { ...topicPaper('galaxies', 60), id: '2502.00001' }
    await upsertPapers(db(), [late])
    const similar = await similarPapers(db(), { id: late.id, title: late.title, abstract: late.abstract! })
    expect(similar.map((s) => topicOf(s.paper.id))).toEqual(Array(5).fill('galaxies'))
  })

  it('shows them on the paper page with their reasons', async () => {
    const app = createApp({
      config: loadConfig({ BASE_URL: 'https://papers.example.org', LOG_LEVEL: 'silent' }),
      db: db(),
      logger: pino({ level: 'silent' }),
    })
    const res = await app.request(`/papers/${papers[3]!.id}`)
    expect(res.status).toBe(200)
    const html = await res.text()
    const section = html.slice(html.indexOf('id="similar-papers"'))
    expect(section.match(/<li>/g)?.length ?? 0).toBeGreaterThanOrEqual(5)
    expect(textOf(section)).toMatch(/Shares: [a-z0-9]/)
  })

  it('fills a search that no paper matches in full with papers of like meaning', async () => {
    // No paper holds all three words; "galaxy" and "telescope" say which papers are meant.
    const request = {
      query: parseQuery('galaxy telescope denoising'),
      sort: 'relevance' as const,
      offset: 0,
      limit: 10,
    }
    const lexical = await searchPapers(db(), request, { meaning: 'off' })
    expect(lexical.hits).toHaveLength(0)
    const filled = await searchPapers(db(), request)
    expect(filled.hits.length).toBeGreaterThan(0)
    expect(filled.hits.slice(0, 3).map((h) => topicOf(h.paper.id))).toEqual(['galaxies', 'galaxies', 'galaxies'])
    expect(filled.total.exact).toBe(false)
  })

  it('sizes the catalog for the key terms without counting it, once the database has an estimate', async () => {
    // PostgreSQL estimates from its statistics: before any, it counts.
    const before = await estimatePapers(db())
    if (db().dialect === 'postgres') await sql`analyze papers`.execute(db().kysely)
    // The papers above, and the one a test above may have added.
    for (const estimate of [before, await estimatePapers(db())]) {
      expect(estimate).toBeGreaterThanOrEqual(papers.length)
      expect(estimate).toBeLessThanOrEqual(papers.length + 1)
    }
  })

  it('leaves a search whose page is full as the lexical engine ranked it', async () => {
    const request = { query: parseQuery('galaxy redshift'), sort: 'relevance' as const, offset: 0, limit: 3 }
    const lexical = await searchPapers(db(), request, { meaning: 'off' })
    expect(lexical.hits.length).toBe(3)
    expect((await searchPapers(db(), request)).hits.map((h) => h.paper.id)).toEqual(lexical.hits.map((h) => h.paper.id))
  })
})

describe('key terms of a paper', () => {
  // idf = ln(1 / share): terms in 0.1 %, 0.2 %, 0.4 % and 2 % of papers, and a number.
  const shares = [0.001, 0.002, 0.004, 0.02, 0.001]
  const model = {
    terms: ['rare', 'scarce', 'uncommon', 'common', '2024'],
    idf: Float32Array.from(shares, (s) => -Math.log(s)),
  }
  const weights: [number, number][] = [
    [3, 9],
    [2, 8],
    [4, 7],
    [1, 6],
    [0, 5],
  ]
  const tokens = (terms: { token: string }[]) => terms.map((t) => t.token)

  it('are the heaviest terms under the share, numbers left out', () => {
    expect(tokens(keyTermsOf(model, weights, 6, 0.01))).toEqual(['uncommon', 'scarce', 'rare'])
    expect(tokens(keyTermsOf(model, weights, 2, 1))).toEqual(['common', 'uncommon'])
  })

  it('hold together no more papers than the budget: rarer terms fill what a common one would take', () => {
    // 0.4 % + 0.2 % fit 0.65 %; 0.1 % more would not.
    expect(tokens(keyTermsOf(model, weights, 6, 0.01, 0.0065))).toEqual(['uncommon', 'scarce'])
    // 0.4 % alone does not fit 0.35 %: the lighter, rarer terms do.
    expect(tokens(keyTermsOf(model, weights, 6, 0.01, 0.0035))).toEqual(['scarce', 'rare'])
  })
})
