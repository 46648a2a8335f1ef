import { beforeAll, expect, it } from 'vitest'
import { adjustActivity } from '../src/papers/activity.js'
import { loadDemo, removeDemo } from '../src/papers/demo/demo-set.js'
import type { PaperRecord } from '../src/papers/model.js'
import { upsertPapers } from '../src/papers/upsert.js'
import { setPaperHidden } from '../src/papers/visibility.js'
import { searchEngine } from '../src/search/engine.js'
import { createSqliteEngine } from '../src/search/engines/sqlite.js'
import type { ParsedQuery, SearchRequest } from '../src/search/model.js'
import { MAX_RESULTS } from '../src/search/model.js'
import { searchPapers } from '../src/search/service.js'
import { describeEachDatabase } from './support/db.js'
import { emptyCatalog } from './support/ingest.js'
import { all, parsedQuery, phrase, prefix, searchRequest, word } from './support/search-request.js'

/** Search on both databases: the query language's parts, filters, sorts, pages, and the index following writes. */

const query = parsedQuery
const request = searchRequest

const paper = (id: string, title: string, more: Partial<PaperRecord> = {}): PaperRecord => ({
  id,
  title,
  abstract: '',
  authors: ['Ada Lovelace'],
  categories: ['cs.LG'],
  publishedAt: '2024-01-01T00:00:00.000Z',
  ...more,
})

const PAPERS: PaperRecord[] = [
  paper('2401.00001', 'Attention Is All You Need', {
    abstract: 'The dominant sequence transduction models are based on recurrent networks.',
    authors: ['Ashish Vaswani', 'Noam Shazeer'],
    categories: ['cs.CL', 'cs.LG'],
    publishedAt: '2017-06-12T00:00:00.000Z',
    githubRepo: 'https://github.com/tensorflow/tensor2tensor',
  }),
  paper('2401.00002', 'Deep Residual Learning for Image Recognition', {
    abstract: 'Deeper neural networks are more difficult to train. We present a residual learning framework.',
    authors: ['Kaiming He', 'Xiangyu Zhang'],
    categories: ['cs.CV'],
    publishedAt: '2015-12-10T00:00:00.000Z',
  }),
  paper('2401.00003', 'Language Models are Few-Shot Learners', {
    abstract: 'We show that scaling up language models greatly improves few-shot performance.',
    authors: ['Tom Brown', 'Benjamin Mann'],
    categories: ['cs.CL'],
    publishedAt: '2020-05-28T00:00:00.000Z',
    counts: { upvotes: 300, numComments: 0 },
  }),
  paper('2401.00004', 'Learning Transferable Visual Models From Natural Language Supervision', {
    abstract: 'State-of-the-art computer vision systems are trained to predict a fixed set of categories.',
    authors: ['Alec Radford'],
    categories: ['cs.CV', 'cs.LG'],
    publishedAt: '2021-02-26T00:00:00.000Z',
    githubRepo: 'https://github.com/openai/CLIP',
  }),
  paper('2401.00005', 'Quantum Error Correction Below the Surface Code Threshold', {
    abstract: 'Quantum error correction provides a path to reach practical quantum computing.',
    authors: ['Google Quantum AI'],
    categories: ['quant-ph'],
    publishedAt: '2024-08-24T00:00:00.000Z',
  }),
  paper('2401.00006', 'Schrödinger Bridges for Generative Modeling', {
    abstract: 'We study Schrödinger bridges and the 深度学习 of diffusion models.',
    authors: ['Valentin De Bortoli'],
    categories: ['stat.ML'],
    publishedAt: '2023-03-01T00:00:00.000Z',
  }),
  paper('2401.00007', 'A Survey of Large Language Models', {
    abstract: 'Language is essentially a complex, intricate system of human expressions.',
    authors: ['Wayne Xin Zhao'],
    categories: ['cs.CL', 'cs.AI'],
    publishedAt: '2023-03-31T00:00:00.000Z',
    counts: { upvotes: 50, numComments: 0 },
  }),
  paper('2401.00008', 'String Theory on the Lattice', {
    abstract: 'We put strings on a lattice. No machine learning was harmed.',
    authors: ['Edward Witten'],
    categories: ['hep-th'],
    publishedAt: '2022-01-01T00:00:00.000Z',
  }),
]

describeEachDatabase('search', (db) => {
  const ids = async (r: SearchRequest) => (await searchPapers(db(), r)).hits.map((h) => h.paper.id)
  const found = async (q: ParsedQuery, more: Partial<SearchRequest> = {}) => (await ids(request(q, more))).sort()

  beforeAll(async () => {
    await emptyCatalog(db())
    await upsertPapers(db(), PAPERS)
  })

  it('finds papers holding every word, in any field, in any form', async () => {
    expect(await found(all('residual'))).toEqual(['2401.00002'])
    expect(await found(all('language', 'models'))).toEqual(['2401.00003', '2401.00004', '2401.00007'])
    // Plural and singular are one word; an author's name is a word too.
    expect(await found(all('model', 'vaswani'))).toEqual(['2401.00001'])
    expect(await found(all('nothinglikethis'))).toEqual([])
  })

  it('finds accented and non-Latin words, however they are typed', async () => {
    expect(await found(all('schrodinger'))).toEqual(['2401.00006'])
    expect(await found(all('Schrödinger'))).toEqual(['2401.00006'])
    expect(await found(all('深度学习'))).toEqual(['2401.00006'])
  })

  it('finds an exact phrase and not its words apart', async () => {
    expect(await found(query([[phrase('language models')]]))).toEqual(['2401.00003', '2401.00007'])
    expect(await found(query([[phrase('models language')]]))).toEqual([])
  })

  it('leaves out papers holding an excluded word', async () => {
    expect(await found(query([[word('language')]], { excluded: [word('survey')] }))).toEqual([
      '2401.00003',
      '2401.00004',
    ])
  })

  it('finds either word of an OR group', async () => {
    expect(await found(query([[word('quantum'), word('residual')]]))).toEqual(['2401.00002', '2401.00005'])
  })

  it('restricts a word to a field: author:, title:, abstract:', async () => {
    expect(await found(query([[phrase('Tom Brown', 'author')]]))).toEqual(['2401.00003'])
    expect(await found(query([[word('learning', 'title')]]))).toEqual(['2401.00002', '2401.00004'])
    // "learning" is in 00008's abstract only.
    expect(await found(query([[word('learning', 'abstract')]]))).toEqual(['2401.00002', '2401.00008'])
    expect(await found(query([[word('radford', 'title')]]))).toEqual([])
  })

  it('filters by category or archive, any of them, from the query and the page', async () => {
    expect(await found(query([[word('language')]], { categories: ['cs.CV'] }))).toEqual(['2401.00004'])
    expect(await found(all('language'), { categories: ['cs.cv'] })).toEqual(['2401.00004'])
    expect(await found(query([[word('lattice')]], { categories: ['hep-th'] }))).toEqual(['2401.00008'])
    expect(await found(query([], { categories: ['cs'] }))).toHaveLength(5)
    expect(await found(query([], { categories: ['stat', 'quant-ph'] }))).toEqual(['2401.00005', '2401.00006'])
    // A category is not a word of the text, and a word is not a category.
    expect(await found(all('cs'))).toEqual([])
    expect(await found(query([], { categories: ['cs.l'] }))).toEqual([])
  })

  it('filters by year range, date range and code', async () => {
    expect(await found(all('language'), {})).toHaveLength(3)
    expect(await found(query([[word('language')]], { years: { from: 2020, until: 2021 } }))).toEqual([
      '2401.00003',
      '2401.00004',
    ])
    expect(await found(all('language'), { from: '2021-02-26', until: '2023-04-01' })).toEqual([
      '2401.00004',
      '2401.00007',
    ])
    expect(await found(all('language'), { hasCode: true })).toEqual(['2401.00004'])
  })

  it('lists the filtered papers newest first when no word is asked', async () => {
    expect(await ids(request(query([], { years: { from: 2021, until: 2024 } })))).toEqual([
      '2401.00005',
      '2401.00007',
      '2401.00006',
      '2401.00008',
      '2401.00004',
    ])
    expect(await ids(request(query([], { excluded: [word('language')] }), { hasCode: true }))).toEqual(['2401.00001'])
    expect((await searchPapers(db(), request(query([])))).hits).toEqual([])
  })

  it('ranks a title match above an abstract match, and sorts by date or upvotes on request', async () => {
    // 00003 and 00007 hold it in the title, 00004 once in the title among more words.
    expect((await ids(request(all('language')))).slice(0, 2).sort()).toEqual(['2401.00003', '2401.00007'])
    expect(await ids(request(all('language'), { sort: 'newest' }))).toEqual(['2401.00007', '2401.00004', '2401.00003'])
    expect(await ids(request(all('language'), { sort: 'upvotes' }))).toEqual(['2401.00003', '2401.00007', '2401.00004'])
  })

  it('pages through results with an exact total, and serves nothing past MAX_RESULTS', async () => {
    const q = query([[word('language'), word('quantum'), word('lattice')]])
    const first = await searchPapers(db(), request(q, { limit: 2 }))
    const second = await searchPapers(db(), request(q, { offset: 2, limit: 2 }))
    const whole = await ids(request(q, { limit: 10 }))
    expect(first.total).toEqual({ value: 5, exact: true })
    expect([...first.hits, ...second.hits].map((h) => h.paper.id)).toEqual(whole.slice(0, 4))
    expect((await searchPapers(db(), request(q, { offset: MAX_RESULTS, limit: 20 }))).hits).toEqual([])
  })

  it('finds words by prefix', async () => {
    expect(await found(query([[prefix('quant')]]))).toEqual(['2401.00005'])
    expect(await found(query([[prefix('lang')]]))).toEqual(['2401.00003', '2401.00004', '2401.00007'])
  })

  it('follows an update: a changed title no longer finds the old word', async () => {
    await upsertPapers(db(), [{ ...PAPERS[7]!, title: 'Strings on a Grid' }])
    expect(await found(all('grid'))).toEqual(['2401.00008'])
    expect(await found(query([[word('theory', 'title')]]))).toEqual([])
    await upsertPapers(db(), [PAPERS[7]!])
    expect(await found(all('grid'))).toEqual([])
  })

  it('follows a delete: the demo removal takes its papers out of the index', async () => {
    await loadDemo(db(), '2024-01-01')
    const demoWord = all('conformal')
    expect((await found(demoWord)).length).toBeGreaterThan(0)
    await removeDemo(db())
    expect(await found(demoWord)).toEqual([])
    expect(await found(all('residual'))).toEqual(['2401.00002'])
  })

  it('leaves a paper an admin hid out of the results and the total, through updates and rebuilds', async () => {
    const q = all('language', 'models')
    const page = async () => {
      const { hits, total } = await searchPapers(db(), request(q))
      return { ids: hits.map((h) => h.paper.id).sort(), total }
    }
    await setPaperHidden(db(), '2401.00003', true, '2026-01-01T00:00:00.000Z')
    const hidden = { ids: ['2401.00004', '2401.00007'], total: { value: 2, exact: true } }
    expect(await page()).toEqual(hidden)
    // A new version of the hidden paper arrives: still hidden.
    await upsertPapers(db(), [{ ...PAPERS[2]!, abstract: `${PAPERS[2]!.abstract} Revised.` }])
    expect(await page()).toEqual(hidden)
    await searchEngine(db()).rebuild()
    expect(await page()).toEqual(hidden)
    await setPaperHidden(db(), '2401.00003', false, '2026-01-02T00:00:00.000Z')
    expect(await page()).toEqual({ ids: ['2401.00003', '2401.00004', '2401.00007'], total: { value: 3, exact: true } })
    await upsertPapers(db(), [PAPERS[2]!])
  })

  it('rebuilds the index from the catalog with progress', async () => {
    const progress: number[] = []
    await searchEngine(db()).rebuild((done) => progress.push(done))
    expect(progress.at(-1)).toBe(PAPERS.length)
    expect(await found(all('residual'))).toEqual(['2401.00002'])
  })
})

describeEachDatabase('search, candidate path', (db, dialect) => {
  // Many papers sharing two common words, with different strengths, so the ranking has depth.
  const corpus: PaperRecord[] = Array.from({ length: 300 }, (_, i) =>
    paper(`2402.${String(i).padStart(5, '0')}`, `${i % 3 === 0 ? 'Neural' : 'Graph'} network study ${i}`, {
      abstract: `${'network '.repeat(1 + (i % 7))} ${i % 2 === 0 ? 'neural learning' : 'graph learning'} ${'filler '.repeat(i % 11)}`,
      publishedAt: `20${String(10 + (i % 15)).padStart(2, '0')}-01-01T00:00:00.000Z`,
      categories: [i % 4 === 0 ? 'cs.LG' : 'cs.AI'],
    }),
  )
  const queries: ParsedQuery[] = [
    all('network'),
    all('network', 'learning'),
    all('neural', 'network'),
    query([[word('neural'), word('graph')], [word('network')]]),
    query([[word('network')]], { excluded: [word('graph')] }),
    query([[prefix('net')]]),
    query([[word('network')]], { categories: ['cs.lg'], years: { from: 2015, until: 2020 } }),
  ]

  beforeAll(async () => {
    await emptyCatalog(db())
    await upsertPapers(db(), corpus)
  })

  // SQLite takes the candidate path for every query here, with lists shorter than the matches;
  // PostgreSQL is asked as it is.
  const engine = () =>
    dialect === 'sqlite' ? createSqliteEngine(db(), { cheapCost: 0, listSize: 250 }) : searchEngine(db())
  const windows = [
    { offset: 0, limit: 20 },
    { offset: 20, limit: 20 },
  ]

  it('ranks a single common word exactly as the exhaustive ranking does', async () => {
    for (const q of [queries[0]!, queries[5]!]) {
      for (const window of windows) {
        const fast = await engine().search(request(q, window))
        const reference = await searchEngine(db()).exhaustive(request(q, window))
        expect(
          fast.ranked.map((r) => r.id),
          JSON.stringify(q),
        ).toEqual(reference.ranked.map((r) => r.id))
      }
    }
  })

  it('shares at least 90% of the exhaustive top 20 for several common words', async () => {
    for (const q of queries) {
      for (const window of windows) {
        const fast = (await engine().search(request(q, window))).ranked.map((r) => r.id)
        const reference = (await searchEngine(db()).exhaustive(request(q, window))).ranked.map((r) => r.id)
        const shared = fast.filter((id) => reference.includes(id)).length
        expect(shared / reference.length, JSON.stringify(q)).toBeGreaterThanOrEqual(0.9)
      }
    }
  })

  it('sorts common words by date exactly as sorting every match does', async () => {
    for (const q of [queries[0]!, queries[1]!, queries[6]!]) {
      for (const window of windows) {
        const r = request(q, { ...window, sort: 'newest' })
        const fast = (await engine().search(r)).ranked.map((x) => x.id)
        const reference = (await searchEngine(db()).exhaustive(r)).ranked.map((x) => x.id)
        expect(fast, JSON.stringify(q)).toEqual(reference)
      }
    }
  })

  it('answers a lone atom from its list exactly, and ranks the list again when papers follow it', async () => {
    // SQLite reads every lone atom's list here (the cheap ranking is skipped); PostgreSQL as asked.
    const lone = () => (dialect === 'sqlite' ? createSqliteEngine(db(), { listedCost: 0 }) : searchEngine(db()))
    const engine = lone()
    const same = async () => {
      for (const q of [all('network'), query([[prefix('net')]]), query([[phrase('graph learning')]])]) {
        for (const window of windows) {
          const fast = await engine.search(request(q, window))
          const reference = await searchEngine(db()).exhaustive(request(q, window))
          // The ids and the total: the boosts' scores move with the clock between the two calls.
          expect(
            fast.ranked.map((r) => r.id),
            JSON.stringify(q),
          ).toEqual(reference.ranked.map((r) => r.id))
          expect(fast.total).toEqual(reference.total)
        }
      }
    }
    const keptLists = () =>
      dialect === 'sqlite'
        ? db()
            .kysely.selectFrom('search_lists' as never)
            .selectAll()
            .execute()
        : []
    const before = await keptLists()
    await same()
    // Cheap to rank again, and stale after the next import: in memory only, no row a rare word.
    expect(await keptLists()).toEqual(before)
    await upsertPapers(db(), [
      paper('2402.99999', 'Network network network', { abstract: 'network graph learning network' }),
    ])
    await same()
    const first = (await engine.search(request(all('network'), windows[0]!))).ranked[0]?.id
    expect(first).toBe('2402.99999')
  })

  it('follows a paper that gains or loses a word after the sets of its words were read', async () => {
    // Lists of 5: nearly every candidate is answered by the words' member sets, read on first use
    // and kept by this one engine across the writes. No margin: the papers written before the sets
    // were read are answered by them, not left to FTS5 as recent.
    const engine =
      dialect === 'sqlite'
        ? createSqliteEngine(db(), { cheapCost: 0, listSize: 5, commitMarginMs: 0 })
        : searchEngine(db())
    const asked = [
      request(all('network', 'learning'), { offset: 0, limit: 40, sort: 'newest' }),
      request(query([[word('network')]], { excluded: [word('graph')] }), { offset: 0, limit: 40, sort: 'newest' }),
      request(query([[word('network')], [prefix('learn')]]), { offset: 0, limit: 40, sort: 'newest' }),
    ]
    const same = async () => {
      for (const r of asked) {
        const fast = (await engine.search(r)).ranked.map((x) => x.id)
        const reference = (await searchEngine(db()).exhaustive(r)).ranked.map((x) => x.id)
        expect(fast, JSON.stringify(r.query)).toEqual(reference)
      }
    }
    await same()
    // The newest of them (2024) loses "learning" and "graph": it leaves the first and third
    // answers and joins the second at its top.
    const changed = corpus[14]!
    await upsertPapers(db(), [{ ...changed, title: 'Neural network study 14', abstract: 'network network neural' }])
    await same()
    const first = async (r: SearchRequest) => (await engine.search(r)).ranked.map((x) => x.id)
    expect(await first(asked[0]!)).not.toContain(changed.id)
    expect((await first(asked[1]!))[0]).toBe(changed.id)
    expect(await first(asked[2]!)).not.toContain(changed.id)
    // And gains them back (the first answer holds every paper of 2024).
    await upsertPapers(db(), [changed])
    await same()
    expect(await first(asked[0]!)).toContain(changed.id)
  })

  it('ranks a rare word by the upvotes a paper has now, not those read for an earlier search', async () => {
    // Two papers alike but for their ids: the upvote boost alone orders them, as it stands at
    // each search, whatever an engine keeps between searches.
    const twins = ['2402.90001', '2402.90002'].map((id) =>
      paper(id, 'Quokka survey', { abstract: 'The quokka in the wild.', publishedAt: '2020-01-01T00:00:00.000Z' }),
    )
    await upsertPapers(db(), twins)
    const engine = searchEngine(db())
    const order = async () =>
      (await engine.search(request(all('quokka'), { offset: 0, limit: 20 }))).ranked.map((r) => r.id)
    expect(await order()).toEqual(['2402.90001', '2402.90002'])
    await adjustActivity(db().kysely, '2402.90002', { votes: 50 }, new Date().toISOString())
    expect(await order()).toEqual(['2402.90002', '2402.90001'])
    await adjustActivity(db().kysely, '2402.90002', { votes: -50 }, new Date().toISOString())
    expect(await order()).toEqual(['2402.90001', '2402.90002'])
  })

  it('follows a paper whose date moves after the set of its year was read', async () => {
    // Lists hold every match, so each candidate's year is checked: by the set of 2024's papers,
    // read on the first search and kept by this engine across the writes.
    const engine =
      dialect === 'sqlite'
        ? createSqliteEngine(db(), { cheapCost: 0, listSize: 300, commitMarginMs: 0 })
        : searchEngine(db())
    const in2024 = request(query([[word('network')]], { years: { from: 2024, until: 2024 } }), { offset: 0, limit: 40 })
    const ids = async () => (await engine.search(in2024)).ranked.map((x) => x.id).sort()
    const reference = async () => (await searchEngine(db()).exhaustive(in2024)).ranked.map((x) => x.id).sort()
    expect(await ids()).toEqual(await reference())
    const moved = corpus[14]!
    await upsertPapers(db(), [{ ...moved, publishedAt: '2023-06-01T00:00:00.000Z' }])
    expect(await ids()).not.toContain(moved.id)
    expect(await ids()).toEqual(await reference())
    await upsertPapers(db(), [moved])
    expect(await ids()).toContain(moved.id)
    expect(await ids()).toEqual(await reference())
  })
})
