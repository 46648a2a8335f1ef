import { expect, it } from 'vitest'
import { describeEachDatabase } from '../../../test/support/db.js'
import { preparedQuery } from './prepared.js'

const paperTitle = preparedQuery((db, p: { id: string }) =>
  db.selectFrom('papers').select(['id', 'title']).where('id', '=', p.id).where('withdrawn', '=', 0),
)

const renamePaper = preparedQuery((db, p: { id: string; title: string; now: string }) =>
  db
    .updateTable('papers')
    .set({ title: p.title, modified_at: p.now })
    .where('id', '=', p.id)
    .returning(['id', 'title']),
)

describeEachDatabase('a prepared query', (db) => {
  it('runs with the values of each call, constants kept, inside and outside a transaction', async () => {
    const now = '2026-12-03T00:00:00.000Z'
    await db()
      .kysely.insertInto('papers')
      .values(
        ['2612.00001', '2612.00002'].map((id) => ({
          id,
          title: `Paper ${id}`,
          abstract: '',
          categories: '',
          created_at: now,
          modified_at: now,
        })),
      )
      .execute()
    expect((await paperTitle(db().kysely, { id: '2612.00001' })).rows).toEqual([
      { id: '2612.00001', title: 'Paper 2612.00001' },
    ])
    expect((await paperTitle(db().kysely, { id: '2612.00002' })).rows).toEqual([
      { id: '2612.00002', title: 'Paper 2612.00002' },
    ])
    expect((await paperTitle(db().kysely, { id: '2612.99999' })).rows).toEqual([])
    const renamed = await db()
      .kysely.transaction()
      .execute((trx) => renamePaper(trx, { id: '2612.00002', title: 'Renamed', now }))
    expect(renamed.rows).toEqual([{ id: '2612.00002', title: 'Renamed' }])
    expect((await paperTitle(db().kysely, { id: '2612.00002' })).rows[0]?.title).toBe('Renamed')
  })

  it('refuses a stand-in that did not become a parameter', async () => {
    const branching = preparedQuery((kysely, p: { id: string; all: boolean }) =>
      p.all
        ? kysely.selectFrom('papers').select('id')
        : kysely.selectFrom('papers').select('id').where('id', '=', p.id),
    )
    await expect(branching(db().kysely, { id: 'x', all: false })).rejects.toThrow(/all did not become parameters/)
  })

  it('keeps out of a transaction it was not given: a write outside one survives its rollback', async () => {
    const now = '2026-12-03T00:00:00.000Z'
    const paper = (id: string) => ({ id, title: id, abstract: '', categories: '', created_at: now, modified_at: now })
    await db().kysely.insertInto('papers').values(paper('2612.00003')).execute()
    let inside = () => {}
    const entered = new Promise<void>((resolve) => (inside = resolve))
    let release = () => {}
    const released = new Promise<void>((resolve) => (release = resolve))
    // Another caller's transaction, open across an await while the prepared query runs.
    const rolledBack = db()
      .kysely.transaction()
      .execute(async (trx) => {
        await trx.insertInto('papers').values(paper('2612.00004')).execute()
        inside()
        await released
        throw new Error('rolled back')
      })
      .catch((error: Error) => error.message)
    await entered
    const renamed = renamePaper(db().kysely, { id: '2612.00003', title: 'Renamed outside', now })
    release()
    expect(await rolledBack).toBe('rolled back')
    expect((await renamed).rows).toEqual([{ id: '2612.00003', title: 'Renamed outside' }])
    expect((await paperTitle(db().kysely, { id: '2612.00003' })).rows[0]?.title).toBe('Renamed outside')
    expect((await paperTitle(db().kysely, { id: '2612.00004' })).rows).toEqual([])
  })
})
