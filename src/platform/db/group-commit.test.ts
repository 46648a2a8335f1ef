import { expect, it } from 'vitest'
import { describeEachDatabase } from '../../../test/support/db.js'
import { groupCommit } from './group-commit.js'

const NOW = '2026-12-03T00:00:00.000Z'

describeEachDatabase('a group commit', (db, dialect) => {
  it('runs the jobs of one turn in one transaction on SQLite, and each in its own on PostgreSQL', async () => {
    const transactions: unknown[] = []
    const job = groupCommit(db(), async (trx, n: number) => {
      transactions.push(trx)
      return n
    })
    expect(await Promise.all([1, 2, 3].map(job))).toEqual([1, 2, 3])
    expect(new Set(transactions).size).toBe(dialect === 'sqlite' ? 1 : 3)
  })

  it('commits every job that arrives at once and answers each with its own result', async () => {
    const addPaper = groupCommit(db(), async (trx, id: string) => {
      await trx
        .insertInto('papers')
        .values({ id, title: id, abstract: '', categories: '', created_at: NOW, modified_at: NOW })
        .execute()
      return `added ${id}`
    })
    const ids = Array.from({ length: 20 }, (_, i) => `2612.${String(10000 + i)}`)
    expect(await Promise.all(ids.map(addPaper))).toEqual(ids.map((id) => `added ${id}`))
    const rows = await db().kysely.selectFrom('papers').select('id').where('id', 'in', ids).execute()
    expect(rows).toHaveLength(20)
  })

  it('fails only the job that throws: the others of its batch still commit', async () => {
    const addPaper = groupCommit(db(), async (trx, id: string) => {
      if (id === 'bad') throw new Error('refused')
      await trx
        .insertInto('papers')
        .values({ id, title: id, abstract: '', categories: '', created_at: NOW, modified_at: NOW })
        .execute()
      return id
    })
    const outcomes = await Promise.allSettled(['2612.20001', 'bad', '2612.20002'].map(addPaper))
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled'])
    const rows = await db().kysely.selectFrom('papers').select('id').where('id', 'like', '2612.2000%').execute()
    expect(rows.map((r) => r.id).sort()).toEqual(['2612.20001', '2612.20002'])
  })
})
