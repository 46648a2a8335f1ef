import fc from 'fast-check'
import { beforeAll, expect, it } from 'vitest'
import { buildMatcher } from '../src/follows/match.js'
import type { Paper } from '../src/papers/model.js'
import { loadDemo } from '../src/papers/demo/demo-set.js'
import { listPapers } from '../src/papers/store.js'
import { searchEngine } from '../src/search/engine.js'
import { MAX_RESULTS } from '../src/search/model.js'
import { parseQuery } from '../src/search/query.js'
import { asksForSomething, parseSearchOptions, toSearchRequest } from '../src/search/request.js'
import { describeEachDatabase } from './support/db.js'

/**
 * A saved search's alerts hold what the search page would find: for the same papers (the demo set,
 * real arXiv text) and the same search, the matcher's papers are the engine's.
 */
const TODAY = '2026-12-03'

describeEachDatabase('the alert matcher agrees with the search engine', (db) => {
  let papers: Paper[] = []
  beforeAll(async () => {
    await loadDemo(db(), TODAY)
    papers = await listPapers(db(), null, 1000)
  })

  /** The ids each side finds for the search page's parameters, sorted. */
  async function bothSides(params: Record<string, string>) {
    const options = parseSearchOptions(params)
    const request = { ...toSearchRequest(options, parseQuery(options.q), TODAY), offset: 0, limit: MAX_RESULTS }
    const engine = (await searchEngine(db()).search(request)).ranked.map((r) => r.id).sort()
    const target = new URLSearchParams(params).toString()
    const matches = buildMatcher([{ id: 1, kind: 'search', target, qualifiers: '[]' }], TODAY)
      .match(papers)
      .get(1)
    return { engine, matcher: (matches ?? []).map((m) => m.paperId).sort() }
  }

  it.each([
    ['conformal'],
    ['conformal selection'],
    ['"conformal selection"'],
    ['language model*'],
    ['diffusion OR transformer'],
    ['model -language'],
    ['title:learning'],
    ['abstract:benchmark cat:cs'],
    ['learning year:2024..2025'],
    ['pre-training'],
    ['cat:cs.CV'],
  ])('finds the same papers for %s', async (q) => {
    const { engine, matcher } = await bothSides({ q })
    expect(matcher).toEqual(engine)
  })

  it('finds the same papers with the page’s filters', async () => {
    for (const params of <Record<string, string>[]>[
      { q: 'model', category: 'cs.LG' },
      { q: 'learning', has_code: '1' },
      { q: 'data', from: '2024-06-01', until: '2025-01-31' },
    ]) {
      const { engine, matcher } = await bothSides(params)
      expect(matcher, JSON.stringify(params)).toEqual(engine)
    }
  })

  it('finds the same papers for queries made of the catalog’s own words', async () => {
    const vocabulary = [...new Set(papers.flatMap((p) => `${p.title} ${p.authors[0]?.name ?? ''}`.split(/\s+/)))]
      .map((w) => w.replace(/[^\p{L}\p{N}-]/gu, ''))
      .filter((w) => w.length > 2)
    const term = fc.oneof(
      fc.constantFrom(...vocabulary),
      fc.constantFrom(...vocabulary).map((w) => `-${w}`),
      fc.constantFrom(...vocabulary).map((w) => `title:${w}`),
      fc.constantFrom(...vocabulary).map((w) => `${w.slice(0, 4)}*`),
      fc.constantFrom(...papers.map((p) => p.title.split(/\s+/).slice(1, 3).join(' '))).map((s) => `"${s}"`),
      fc.constant('OR'),
    )
    await fc.assert(
      fc.asyncProperty(fc.array(term, { minLength: 1, maxLength: 4 }), async (terms) => {
        const q = terms.join(' ')
        // What asks for nothing (only excluded words) the page does not run: it shows its guide.
        fc.pre(asksForSomething(parseQuery(q)))
        const { engine, matcher } = await bothSides({ q })
        expect(matcher, q).toEqual(engine)
      }),
      { numRuns: 60 },
    )
  })
})
