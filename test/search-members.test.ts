import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { adjustActivity } from '../src/papers/activity.js'
import { upsertPapers } from '../src/papers/upsert.js'
import { connect, type Db } from '../src/platform/db/connect.js'
import { memberStore, type PaperDetails } from '../src/search/engines/sqlite-members.js'
import { createTestDb, type TestDb } from './support/db.js'

/**
 * What a search connection keeps in memory of the index and the papers (sqlite-members.ts) is
 * what the database holds now, whichever connection wrote since: SQLite's engine alone keeps it.
 */
describe('member sets and kept details [sqlite]', () => {
  let db: TestDb
  let other: Db
  const ids = ['2403.00001', '2403.00002', '2403.00003']

  beforeAll(async () => {
    db = await createTestDb('sqlite')
    other = connect(db.url)
    await upsertPapers(
      db,
      ids.map((id, i) => ({
        id,
        title: `Graph network ${i}`,
        abstract: 'A study of graph networks.',
        authors: ['Ada Lovelace'],
        categories: ['cs.LG'],
        publishedAt: '2024-01-01T00:00:00.000Z',
        counts: { upvotes: 1, numComments: 0 },
      })),
    )
  })
  afterAll(async () => {
    await other?.close()
    await db?.drop()
  })

  const rowidOf = async (id: string) =>
    (await sql<{ rowid: number }>`select rowid from papers where id = ${id}`.execute(db.kysely)).rows[0]!

  /** The store's details, and the rowids it had to read for them. */
  const detailsVia = (store: ReturnType<typeof memberStore>) => async (rowids: number[]) => {
    const read: number[] = []
    const rows = await store.details(rowids, async (missing) => {
      read.push(...missing)
      const { rows } = await sql<PaperDetails>`select rowid, id, published_at, upvotes from papers
        where rowid in (select value from json_each(${JSON.stringify(missing)}))`.execute(db.kysely)
      return rows
    })
    return { upvotes: rows.map((r) => r.upvotes), read }
  }

  it('keeps a paper’s details until a vote on this connection or another changes them', async () => {
    // No margin: papers stamped before the details were read are not taken as just changed.
    const store = memberStore(db, 0)
    const details = detailsVia(store)
    const { rowid } = await rowidOf(ids[0]!)
    expect(await details([rowid])).toEqual({ upvotes: [1], read: [rowid] })
    store.refresh()
    expect(await details([rowid])).toEqual({ upvotes: [1], read: [] })

    await adjustActivity(db.kysely, ids[0]!, { votes: 2 }, new Date().toISOString())
    store.refresh()
    expect(await details([rowid])).toEqual({ upvotes: [3], read: [rowid] })

    await adjustActivity(other.kysely, ids[0]!, { votes: 1 }, new Date().toISOString())
    store.refresh()
    expect(await details([rowid])).toEqual({ upvotes: [4], read: [rowid] })
    store.refresh()
    expect(await details([rowid])).toEqual({ upvotes: [4], read: [] })
  })

  it('leaves a paper written after its set was read to FTS5, and answers for the others', async () => {
    const store = memberStore(db, 0)
    const [first, second] = await Promise.all([rowidOf(ids[1]!), rowidOf(ids[2]!)])
    const graph = store.get('{title authors abstract} : "graph"')
    expect([graph.holds(first.rowid), graph.holds(second.rowid), graph.holds(10_000)]).toEqual([true, true, undefined])
    await upsertPapers(other, [
      {
        id: ids[1]!,
        title: 'Network only',
        abstract: 'A study of networks.',
        authors: ['Ada Lovelace'],
        categories: ['cs.LG'],
        publishedAt: '2024-01-01T00:00:00.000Z',
      },
    ])
    store.refresh()
    expect([graph.holds(first.rowid), graph.holds(second.rowid)]).toEqual([undefined, true])
    // Read again, the set knows the paper lost the word; the set handed out before answers no more.
    store.clear()
    const again = store.get('{title authors abstract} : "graph"')
    expect([again.holds(first.rowid), again.holds(second.rowid)]).toEqual([false, true])
    expect(graph.holds(second.rowid)).toBeUndefined()
  })

  it('keeps the papers of a date range, and leaves one whose date changed since to its row', async () => {
    const store = memberStore(db, 0)
    const [first, second] = await Promise.all([rowidOf(ids[0]!), rowidOf(ids[2]!)])
    const in2024 = store.published({ from: '2024-01-01', until: '2025-01-01' })!
    const in2023 = store.published({ from: '2023-01-01', until: '2024-01-01' })!
    expect([in2024.holds(first.rowid), in2024.holds(second.rowid), in2024.holds(10_000)]).toEqual([
      true,
      true,
      undefined,
    ])
    expect(in2023.holds(first.rowid)).toBe(false)
    // Open at either end: every dated paper from (or before) the date.
    expect(store.published({ from: '2024-01-01', until: null })!.holds(first.rowid)).toBe(true)
    expect(store.published({ from: null, until: '2024-01-01' })!.holds(first.rowid)).toBe(false)

    await upsertPapers(other, [
      {
        id: ids[0]!,
        title: 'Graph network 0',
        abstract: 'A study of graph networks.',
        authors: ['Ada Lovelace'],
        categories: ['cs.LG'],
        publishedAt: '2023-06-01T00:00:00.000Z',
      },
    ])
    store.refresh()
    expect([in2024.holds(first.rowid), in2023.holds(first.rowid), in2024.holds(second.rowid)]).toEqual([
      undefined,
      undefined,
      true,
    ])
    store.clear()
    expect(store.published({ from: '2023-01-01', until: '2024-01-01' })!.holds(first.rowid)).toBe(true)
  })
})
