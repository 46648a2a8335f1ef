import { describe, expect, it } from 'vitest'
import { describeEachDatabase } from '../../test/support/db.js'
import { connect } from '../platform/db/connect.js'
import type { PaperRecord } from './model.js'
import { getPaper } from './store.js'
import { featurePaper, upsertPapers } from './upsert.js'

// Every test works on papers of its own (ids from `nextId`), so each stands alone in any order.
let lastId = 0
const nextId = () => `2401.${String(++lastId).padStart(5, '0')}`

function firstVersion(id: string): PaperRecord {
  return {
    id,
    title: 'A first title',
    abstract: 'First abstract.',
    version: 1,
    publishedAt: '2024-01-01T10:00:00.000Z',
    categories: ['cs.LG', 'stat.ML'],
    authors: ['Ada Lovelace', 'Alan Turing'],
    versions: [{ version: 1, createdAt: '2024-01-01T10:00:00.000Z', title: 'A first title' }],
    observedAt: '2024-01-02T00:00:00.000Z',
  }
}

function secondVersion(id: string): PaperRecord {
  const v1 = firstVersion(id)
  return {
    ...v1,
    title: 'A better title',
    abstract: 'Revised abstract.',
    version: 2,
    authors: ['Ada Lovelace', 'Alan Turing', 'Grace Hopper'],
    versions: [...v1.versions!, { version: 2, createdAt: '2024-02-01T09:00:00.000Z', title: 'A better title' }],
    observedAt: '2024-02-02T00:00:00.000Z',
  }
}

const nothing = { added: 0, updated: 0, unchanged: 0, problems: [] }

describeEachDatabase('the catalog upsert', (db) => {
  const paper = async (id: string) => (await getPaper(db(), id))!.paper
  const modifiedAt = (id: string) =>
    db().kysely.selectFrom('papers').select('modified_at').where('id', '=', id).executeTakeFirstOrThrow()

  it('adds a new paper and reports it as added', async () => {
    const id = nextId()
    expect(await upsertPapers(db(), [firstVersion(id)])).toEqual({ ...nothing, added: 1 })
    expect(await paper(id)).toMatchObject({
      title: 'A first title',
      categories: ['cs.LG', 'stat.ML'],
      version: 1,
    })
    expect((await paper(id)).authors.map((a) => a.name)).toEqual(['Ada Lovelace', 'Alan Turing'])
  })

  it('changes nothing when the same record comes again', async () => {
    const id = nextId()
    await upsertPapers(db(), [firstVersion(id)])
    const before = await modifiedAt(id)
    expect(await upsertPapers(db(), [firstVersion(id)])).toEqual({ ...nothing, unchanged: 1 })
    expect(await modifiedAt(id)).toEqual(before)
  })

  it('counts a newer observation of the same values as unchanged', async () => {
    const id = nextId()
    await upsertPapers(db(), [firstVersion(id)])
    expect(await upsertPapers(db(), [{ ...firstVersion(id), observedAt: '2024-01-03T00:00:00.000Z' }])).toEqual({
      ...nothing,
      unchanged: 1,
    })
  })

  it('takes a later version’s title, abstract and authors and records the version', async () => {
    const id = nextId()
    await upsertPapers(db(), [firstVersion(id)])
    expect(await upsertPapers(db(), [secondVersion(id)])).toEqual({ ...nothing, updated: 1 })
    expect(await paper(id)).toMatchObject({
      title: 'A better title',
      abstract: 'Revised abstract.',
      version: 2,
    })
    expect((await paper(id)).authors).toHaveLength(3)
    const versions = await db()
      .kysely.selectFrom('paper_versions')
      .select(['version', 'title'])
      .where('paper_id', '=', id)
      .orderBy('version')
      .execute()
    expect(versions).toEqual([
      { version: 1, title: 'A first title' },
      { version: 2, title: 'A better title' },
    ])
  })

  it('replaces a longer author list with a shorter one', async () => {
    const id = nextId()
    await upsertPapers(db(), [secondVersion(id)])
    await upsertPapers(db(), [
      { ...secondVersion(id), authors: ['Grace Hopper'], observedAt: '2024-03-01T00:00:00.000Z' },
    ])
    expect((await paper(id)).authors.map((a) => a.name)).toEqual(['Grace Hopper'])
  })

  it('keeps a version’s known date when a source lists the version without one', async () => {
    const id = nextId()
    await upsertPapers(db(), [firstVersion(id)])
    await upsertPapers(db(), [
      {
        id,
        title: 'A better title',
        versions: [{ version: 1, createdAt: null }],
        observedAt: '2024-02-03T00:00:00.000Z',
      },
    ])
    const row = await db()
      .kysely.selectFrom('paper_versions')
      .select(['created_at', 'title'])
      .where('paper_id', '=', id)
      .where('version', '=', 1)
      .executeTakeFirstOrThrow()
    expect(row).toEqual({ created_at: '2024-01-01T10:00:00.000Z', title: 'A first title' })
  })

  it('lets an older observation fill gaps but never overwrite', async () => {
    const id = nextId()
    await upsertPapers(db(), [secondVersion(id)])
    const old: PaperRecord = {
      id,
      title: 'A first title',
      githubRepo: 'https://github.com/a/b',
      observedAt: '2024-01-05T00:00:00.000Z',
      counts: { upvotes: 3, numComments: 0 },
    }
    await upsertPapers(db(), [old])
    expect(await paper(id)).toMatchObject({
      title: 'A better title',
      githubRepo: 'https://github.com/a/b',
      upvotes: 0,
    })
  })

  it('keeps what a source does not know: an import without categories leaves them', async () => {
    const id = nextId()
    await upsertPapers(db(), [secondVersion(id)])
    await upsertPapers(db(), [
      {
        id,
        title: 'A better title',
        observedAt: '2024-03-01T00:00:00.000Z',
        counts: { upvotes: 9, numComments: 2 },
      },
    ])
    expect(await paper(id)).toMatchObject({
      categories: ['cs.LG', 'stat.ML'],
      upvotes: 9,
      numComments: 2,
    })
    expect((await paper(id)).authors).toHaveLength(3)
  })

  it('marks a withdrawn paper instead of dropping it', async () => {
    const id = nextId()
    await upsertPapers(db(), [secondVersion(id)])
    await upsertPapers(db(), [{ id, title: 'A better title', withdrawn: true, observedAt: '2024-04-01T00:00:00.000Z' }])
    expect(await paper(id)).toMatchObject({ withdrawn: true, abstract: 'Revised abstract.' })
  })

  it('counts one paper once when a batch holds it twice', async () => {
    const a: PaperRecord = { id: nextId(), title: 'Twice', observedAt: '2024-01-01T00:00:00.000Z' }
    expect(
      await upsertPapers(db(), [a, { ...a, abstract: 'now with abstract', observedAt: '2024-01-02T00:00:00.000Z' }]),
    ).toEqual({ ...nothing, added: 1 })
    expect((await paper(a.id)).abstract).toBe('now with abstract')
  })

  it('writes batches larger than one statement or one IN list', async () => {
    const records = Array.from({ length: 2500 }, () => ({
      ...firstVersion(nextId()),
      authors: ['A', 'B', 'C', 'D', 'E'],
    }))
    expect(await upsertPapers(db(), records)).toEqual({ ...nothing, added: 2500 })
    expect(await upsertPapers(db(), records)).toEqual({ ...nothing, unchanged: 2500 })
    const authors = await db()
      .kysely.selectFrom('paper_authors')
      .select((eb) => eb.fn.countAll().as('n'))
      .where(
        'paper_id',
        'in',
        records.map((r) => r.id),
      )
      .executeTakeFirstOrThrow()
    expect(Number(authors.n)).toBe(12_500)
  })
})

describeEachDatabase('the catalog upsert on text the databases cannot store', (db) => {
  const paper = async (id: string) => (await getPaper(db(), id))?.paper

  it('removes NUL and unpaired surrogates from every text field and lands the record', async () => {
    const id = nextId()
    const record: PaperRecord = {
      ...firstVersion(id),
      title: 'Nul\u0000 in the title \uD800and a lone surrogate',
      abstract: 'Paired 😀 stays, lone \uDC00 goes.',
      authors: ['Ada\u0000 Lovelace'],
      versions: [{ version: 1, createdAt: null, title: 'v1\u0000' }],
    }
    expect(await upsertPapers(db(), [record])).toEqual({ ...nothing, added: 1 })
    expect(await paper(id)).toMatchObject({
      title: 'Nul in the title and a lone surrogate',
      abstract: 'Paired 😀 stays, lone  goes.',
      authors: [{ name: 'Ada Lovelace', hidden: false }],
    })
  })

  it('reports a record whose id holds NUL and lands the rest of its batch', async () => {
    const good = nextId()
    const result = await upsertPapers(db(), [{ ...firstVersion(good) }, { ...firstVersion(`${nextId()}\u0000`) }])
    expect(result.added).toBe(1)
    expect(result.problems).toEqual([
      {
        id: expect.stringMatching(/^2401\.\d{5}$/),
        reason: 'the id holds NUL or an unpaired surrogate',
      },
    ])
    expect(await paper(good)).toBeDefined()
  })

  it('reports a record the database refuses and lands every other record of the batch', async () => {
    const ids = Array.from({ length: 50 }, nextId)
    const bad = ids[17]!
    // A title the schema requires, missing: both databases refuse it (NOT NULL).
    const records = ids.map((id) =>
      id === bad ? { ...firstVersion(id), title: null as unknown as string } : firstVersion(id),
    )
    const result = await upsertPapers(db(), records)
    expect(result).toMatchObject({ added: 49, updated: 0, unchanged: 0 })
    expect(result.problems).toEqual([{ id: bad, reason: expect.stringMatching(/^the database refused it: .*null/i) }])
    for (const id of ids) expect(!!(await paper(id)), id).toBe(id !== bad)
  })

  it('keeps a paper’s records together when it bisects a batch', async () => {
    const [a, b, c] = [nextId(), nextId(), nextId()]
    const records = [
      firstVersion(a),
      firstVersion(b),
      { ...firstVersion(c), title: null as unknown as string },
      secondVersion(a),
    ]
    const result = await upsertPapers(db(), records)
    expect(result).toMatchObject({ added: 2, updated: 0, unchanged: 0 })
    expect(result.problems.map((p) => p.id)).toEqual([c])
    expect(await paper(a)).toMatchObject({ title: 'A better title', version: 2 })
  })
})

describeEachDatabase('featuring one paper (a submission)', (db) => {
  const featuring = (day: string) => ({
    featuredOn: day,
    source: 'community' as const,
    position: 0,
    submittedBy: { name: 'ada', fullname: 'Ada L.', type: 'user' },
    submittedAt: `${day}T09:00:00.000Z`,
  })

  it('features a stored paper once a day, and nothing the catalog lacks', async () => {
    const id = nextId()
    await upsertPapers(db(), [firstVersion(id)])
    expect(await featurePaper(db(), nextId(), featuring('2024-01-03'))).toBe(false)
    expect(await featurePaper(db(), id, featuring('2024-01-03'))).toBe(true)
    expect(await featurePaper(db(), id, featuring('2024-01-03'))).toBe(false)
    const stored = await getPaper(db(), id)
    expect(stored!.featurings).toEqual([featuring('2024-01-03')])
  })

  it('moves the paper’s trending score to its featured time', async () => {
    const id = nextId()
    await upsertPapers(db(), [firstVersion(id)])
    const before = await db()
      .kysely.selectFrom('papers')
      .select('trending_score')
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    await featurePaper(db(), id, featuring('2024-01-05'))
    const after = await db()
      .kysely.selectFrom('papers')
      .select('trending_score')
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    expect(after.trending_score).toBeGreaterThan(before.trending_score)
  })
})

describe('the catalog upsert when the database itself fails', () => {
  // A database that is unreachable, or not migrated, fails every record alike: the batch fails
  // (and the ingest run with it, to be retried) rather than reporting good records as bad.
  it.each([
    ['an unreachable PostgreSQL', 'postgres://postgres@127.0.0.1:1/paperboy'],
    ['an SQLite database without tables', 'sqlite::memory:'],
  ])('throws on %s instead of reporting every record as bad', async (_, url) => {
    const db = connect(url)
    try {
      await expect(upsertPapers(db, [firstVersion(nextId()), firstVersion(nextId())])).rejects.toThrow()
    } finally {
      await db.close()
    }
  })
})
