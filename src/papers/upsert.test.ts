import { expect, it } from 'vitest'
import { describeEachDatabase } from '../../test/support/db.js'
import type { PaperRecord } from './model.js'
import { getPaper } from './store.js'
import { upsertPapers } from './upsert.js'

const v1: PaperRecord = {
  id: '2401.00001',
  title: 'A first title',
  abstract: 'First abstract.',
  version: 1,
  publishedAt: '2024-01-01T10:00:00.000Z',
  categories: ['cs.LG', 'stat.ML'],
  authors: ['Ada Lovelace', 'Alan Turing'],
  versions: [{ version: 1, createdAt: '2024-01-01T10:00:00.000Z', title: 'A first title' }],
  observedAt: '2024-01-02T00:00:00.000Z',
}

describeEachDatabase('the catalog upsert', (db) => {
  it('adds a new paper and reports it as added', async () => {
    expect(await upsertPapers(db(), [v1])).toEqual({ added: 1, updated: 0, unchanged: 0 })
    const { paper } = (await getPaper(db(), v1.id))!
    expect(paper).toMatchObject({ title: 'A first title', categories: ['cs.LG', 'stat.ML'], version: 1 })
    expect(paper.authors.map((a) => a.name)).toEqual(['Ada Lovelace', 'Alan Turing'])
  })

  it('changes nothing when the same record comes again', async () => {
    const before = await db().kysely.selectFrom('papers').select('modified_at').where('id', '=', v1.id).executeTakeFirstOrThrow()
    expect(await upsertPapers(db(), [v1])).toEqual({ added: 0, updated: 0, unchanged: 1 })
    const after = await db().kysely.selectFrom('papers').select('modified_at').where('id', '=', v1.id).executeTakeFirstOrThrow()
    expect(after).toEqual(before)
  })

  it('counts a newer observation of the same values as unchanged', async () => {
    expect(await upsertPapers(db(), [{ ...v1, observedAt: '2024-01-03T00:00:00.000Z' }])).toEqual({ added: 0, updated: 0, unchanged: 1 })
  })

  it('takes a later version’s title, abstract and authors and records the version', async () => {
    const v2: PaperRecord = {
      ...v1,
      title: 'A better title',
      abstract: 'Revised abstract.',
      version: 2,
      authors: ['Ada Lovelace', 'Alan Turing', 'Grace Hopper'],
      versions: [...v1.versions!, { version: 2, createdAt: '2024-02-01T09:00:00.000Z', title: 'A better title' }],
      observedAt: '2024-02-02T00:00:00.000Z',
    }
    expect(await upsertPapers(db(), [v2])).toEqual({ added: 0, updated: 1, unchanged: 0 })
    const { paper } = (await getPaper(db(), v1.id))!
    expect(paper).toMatchObject({ title: 'A better title', abstract: 'Revised abstract.', version: 2 })
    expect(paper.authors).toHaveLength(3)
    const versions = await db().kysely.selectFrom('paper_versions').select(['version', 'title']).where('paper_id', '=', v1.id).orderBy('version').execute()
    expect(versions).toEqual([{ version: 1, title: 'A first title' }, { version: 2, title: 'A better title' }])
  })

  it('keeps a version’s known date when a source lists the version without one', async () => {
    await upsertPapers(db(), [{ id: v1.id, title: 'A better title', versions: [{ version: 1, createdAt: null }], observedAt: '2024-02-03T00:00:00.000Z' }])
    const row = await db().kysely.selectFrom('paper_versions').select(['created_at', 'title']).where('paper_id', '=', v1.id).where('version', '=', 1).executeTakeFirstOrThrow()
    expect(row).toEqual({ created_at: '2024-01-01T10:00:00.000Z', title: 'A first title' })
  })

  it('lets an older observation fill gaps but never overwrite', async () => {
    const old: PaperRecord = { id: v1.id, title: 'A first title', githubRepo: 'https://github.com/a/b', observedAt: '2024-01-05T00:00:00.000Z', counts: { upvotes: 3, numComments: 0 } }
    await upsertPapers(db(), [old])
    const { paper } = (await getPaper(db(), v1.id))!
    expect(paper.title).toBe('A better title')
    expect(paper.githubRepo).toBe('https://github.com/a/b')
    expect(paper.upvotes).toBe(0)
  })

  it('keeps what a source does not know: an import without categories leaves them', async () => {
    await upsertPapers(db(), [{ id: v1.id, title: 'A better title', observedAt: '2024-03-01T00:00:00.000Z', counts: { upvotes: 9, numComments: 2 } }])
    const { paper } = (await getPaper(db(), v1.id))!
    expect(paper).toMatchObject({ categories: ['cs.LG', 'stat.ML'], upvotes: 9, numComments: 2 })
    expect(paper.authors).toHaveLength(3)
  })

  it('marks a withdrawn paper instead of dropping it', async () => {
    await upsertPapers(db(), [{ id: v1.id, title: 'A better title', withdrawn: true, observedAt: '2024-04-01T00:00:00.000Z' }])
    const { paper } = (await getPaper(db(), v1.id))!
    expect(paper.withdrawn).toBe(true)
    expect(paper.abstract).toBe('Revised abstract.')
  })

  it('counts one paper once when a batch holds it twice', async () => {
    const a: PaperRecord = { id: '2401.00002', title: 'Twice', observedAt: '2024-01-01T00:00:00.000Z' }
    expect(await upsertPapers(db(), [a, { ...a, abstract: 'now with abstract', observedAt: '2024-01-02T00:00:00.000Z' }])).toEqual({ added: 1, updated: 0, unchanged: 0 })
    expect((await getPaper(db(), a.id))!.paper.abstract).toBe('now with abstract')
  })
})
