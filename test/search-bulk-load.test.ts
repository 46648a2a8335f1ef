import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sqliteHandle } from '../src/platform/db/connect.js'
import type { PaperRecord } from '../src/papers/model.js'
import { upsertPapers, withBulkLoad } from '../src/papers/upsert.js'
import { indexDueSince, rebuildIndex, writeWholeIndex } from '../src/search/deferred-index.js'
import { tokenizedBatches } from '../src/search/engines/sqlite-rebuild-rows.js'
import { indexTexts } from '../src/search/index-texts.js'
import { indexText } from '../src/search/normalize.js'
import { searchPapers } from '../src/search/service.js'
import { createTestDb, describeEachDatabase, type TestDb } from './support/db.js'
import { DOCUMENT_INDEX_NAMES, documentIndexNames } from './support/postgres-index.js'
import { emptyCatalog } from './support/ingest.js'
import { all, searchRequest } from './support/search-request.js'

/** The search index around bulk loads: written once at the end of a first load, and after a killed one. */

const run = promisify(execFile)

const paper = (id: string, title: string): PaperRecord => ({
  id,
  title,
  abstract: `An abstract about ${title.toLowerCase()}.`,
  authors: ['Grace Hopper'],
  categories: ['cs.LG'],
  publishedAt: '2024-01-01T00:00:00.000Z',
})

async function found(db: TestDb, w: string): Promise<string[]> {
  const result = await searchPapers(db, searchRequest(all(w)))
  return result.hits.map((h) => h.paper.id).sort()
}

describeEachDatabase('the search index of a bulk load', (db) => {
  it('is searchable only once a first load into an empty catalog ends', async () => {
    await emptyCatalog(db())
    const during = await withBulkLoad(db(), async () => {
      await upsertPapers(db(), [paper('2401.00001', 'Quantum Gravity'), paper('2401.00002', 'Quantum Walks')])
      await upsertPapers(db(), [paper('2401.00003', 'Classical Gravity')])
      return { found: await found(db(), 'gravity'), due: await indexDueSince(db()) }
    })
    expect(during.found).toEqual([])
    expect(during.due).not.toBeNull()
    expect(await found(db(), 'gravity')).toEqual(['2401.00001', '2401.00003'])
    expect(await found(db(), 'quantum')).toEqual(['2401.00001', '2401.00002'])
    expect(await indexDueSince(db())).toBeNull()
    // SQLite's rebuild merges segments once at its end; writes after it merge them as they come again.
    if (db().dialect === 'sqlite')
      expect(await ftsSettings(db())).toEqual({ automerge: 4, crisismerge: 16, hashsize: 1 << 20 })
  })

  it('is written batch by batch into an empty catalog when the load brings its texts tokenized', async () => {
    await emptyCatalog(db())
    const foam = paper('2401.00011', 'Quantum Foam')
    const dots = paper('2401.00012', 'Quantum Dots')
    // Tokens for the texts a paper is stored with, and for a title the other is not stored with:
    // only the first count; the other's stored texts are tokenized as usual.
    const ahead = (record: PaperRecord, title: string, titleTokens: string) => {
      const texts = [title, ...indexTexts(record).slice(1)]
      return [record.id, { texts, tokens: [titleTokens, ...texts.slice(1).map(indexText)] }] as const
    }
    const tokenized = new Map([
      ahead(foam, foam.title, 'quantum foam tokenizedahead'),
      ahead(dots, 'A Title Nobody Stored', 'stale'),
    ])
    const during = await withBulkLoad(
      db(),
      async () => {
        await upsertPapers(db(), [foam], { tokenized })
        await upsertPapers(db(), [dots], { tokenized })
        return { found: await found(db(), 'quantum'), due: await indexDueSince(db()) }
      },
      { indexAsItGoes: true },
    )
    // SQLite's rows land in the index itself; PostgreSQL's in a table without indexes, which takes
    // the index's place once its GIN is built at the end.
    expect(during.found).toEqual(db().dialect === 'sqlite' ? ['2401.00011', '2401.00012'] : [])
    // Marked all the same, for a load killed halfway.
    expect(during.due).not.toBeNull()
    expect(await indexDueSince(db())).toBeNull()
    expect(await found(db(), 'quantum')).toEqual(['2401.00011', '2401.00012'])
    expect(await found(db(), 'stale')).toEqual([])
    if (db().dialect === 'postgres') {
      expect(await documentIndexNames(db())).toEqual(DOCUMENT_INDEX_NAMES)
      // The paper's document still goes with it.
      await db().kysely.deleteFrom('paper_authors').where('paper_id', '=', foam.id).execute()
      await db().kysely.deleteFrom('papers').where('id', '=', foam.id).execute()
      expect(await found(db(), 'quantum')).toEqual(['2401.00012'])
    }
    if (db().dialect === 'sqlite') {
      expect(await found(db(), 'tokenizedahead')).toEqual(['2401.00011'])
      // Its segments were merged once at the end; FTS5's defaults are back for the writes after it.
      expect(await ftsSettings(db())).toEqual({ automerge: 4, crisismerge: 16, hashsize: 1 << 20 })
    }
  })

  it('keeps the index as it goes in a catalog that holds papers', async () => {
    const during = await withBulkLoad(db(), async () => {
      await upsertPapers(db(), [paper('2401.00004', 'Gravity Waves')])
      return found(db(), 'waves')
    })
    expect(during).toEqual(['2401.00004'])
    expect(await indexDueSince(db())).toBeNull()
  })

  it('makes what landed searchable when the load fails', async () => {
    await emptyCatalog(db())
    const load = withBulkLoad(db(), async () => {
      await upsertPapers(db(), [paper('2401.00005', 'Dark Matter')])
      throw new Error('the source went away')
    })
    await expect(load).rejects.toThrow('the source went away')
    expect(await found(db(), 'matter')).toEqual(['2401.00005'])
    expect(await indexDueSince(db())).toBeNull()
  })

  it('is written whole at the next start after a load was killed halfway', async () => {
    await emptyCatalog(db())
    await killedLoad(db(), [paper('2401.00006', 'Neutron Stars'), paper('2401.00007', 'Neutron Decay')])
    // The papers landed, their index rows did not, and the database says so.
    expect(await found(db(), 'neutron')).toEqual([])
    expect(await indexDueSince(db())).not.toBeNull()
    await writeWholeIndex(db()) // what `paperboy serve` does when it finds the mark
    expect(await found(db(), 'neutron')).toEqual(['2401.00006', '2401.00007'])
    expect(await indexDueSince(db())).toBeNull()
  })

  it('is written whole by the next bulk load after a load was killed halfway, old papers and new', async () => {
    await emptyCatalog(db())
    await killedLoad(db(), [paper('2401.00008', 'Solar Wind')])
    await withBulkLoad(db(), () => upsertPapers(db(), [paper('2401.00009', 'Solar Flares')]))
    expect(await found(db(), 'solar')).toEqual(['2401.00008', '2401.00009'])
    expect(await indexDueSince(db())).toBeNull()
  })

  it('is written whole by `paperboy reindex` after a load was killed halfway', async () => {
    await emptyCatalog(db())
    await killedLoad(db(), [paper('2401.00010', 'Galaxy Clusters')])
    await rebuildIndex(db())
    expect(await found(db(), 'galaxy')).toEqual(['2401.00010'])
    expect(await indexDueSince(db())).toBeNull()
  })
})

async function ftsSettings(db: TestDb): Promise<Record<string, number>> {
  const { rows } = await sql<{ k: string; v: number }>`select k, v from search_config
    where k in ('automerge', 'crisismerge', 'hashsize')`.execute(db.kysely)
  return Object.fromEntries(rows.map((r) => [r.k, r.v]))
}

/** Runs a first load in a process of its own that dies once the records have landed. */
async function killedLoad(db: TestDb, records: PaperRecord[]): Promise<void> {
  const child = run(process.execPath, [
    '--import',
    'tsx',
    'test/support/killed-bulk-load.ts',
    db.url,
    JSON.stringify(records),
  ])
  await expect(child).rejects.toMatchObject({ signal: 'SIGKILL' })
}

describe('the SQLite index of a large bulk load', () => {
  let db: TestDb
  beforeAll(async () => (db = await createTestDb('sqlite')))
  afterAll(() => db.drop())

  // Above the rebuild's threshold, a worker thread reads and tokenizes the papers on a connection
  // of its own: every paper lands in the index with the tokens this thread would have made.
  it('holds every paper’s tokens when a worker thread tokenized them', async () => {
    const records = Array.from({ length: 5_001 }, (_, i) => ({
      ...paper(`2402.${String(i).padStart(5, '0')}`, `Lattice ${i} of kind${i % 97}`),
      authors: [`Author${i % 13} Smith`],
    }))
    await withBulkLoad(db, () => upsertPapers(db, records))
    const expected = new Map<string, number>()
    for (const batch of tokenizedBatches(sqliteHandle(db.kysely)!.database))
      for (const row of batch) {
        const tokens = new Set(row.slice(1).flatMap((column) => String(column).split(' ')))
        for (const token of tokens) if (token) expected.set(token, (expected.get(token) ?? 0) + 1)
      }
    const { rows } = await sql<{ term: string; doc: number }>`select term, doc from search_vocab`.execute(db.kysely)
    expect(new Map(rows.map((r) => [r.term, r.doc]))).toEqual(expected)
    expect(expected.get('lattice')).toBe(5_001)
    expect(await found(db, '5000')).toEqual(['2402.05000'])
  })

  // Merging is left to the end of a load, but FTS5 holds at most 2,000 segments: a load of more
  // transactions than that (each leaves a segment) merges on the way instead of failing.
  it('lands a load of more transactions than FTS5 holds segments', async () => {
    await emptyCatalog(db)
    const count = 4_000
    await withBulkLoad(
      db,
      async () => {
        for (let i = 0; i < count; i++)
          await upsertPapers(db, [paper(`2403.${String(i).padStart(5, '0')}`, `Spinor ${i}`)])
      },
      { indexAsItGoes: true },
    )
    const { rows } = await sql<{ segments: number; matches: number }>`select
      (select count(distinct segid) from search_idx) as segments,
      (select count(*) from search where search match 'spinor') as matches`.execute(db.kysely)
    expect(rows[0]).toEqual({ segments: 1, matches: count })
  })
})
