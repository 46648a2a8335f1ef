import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'kysely'
import { describeEachDatabase, type TestDb } from '../../../test/support/db.js'
import { HF_DAILY_DIR } from '../../../test/support/env.js'
import { importHfDaily } from './import.js'
import { PROBLEMS_KEPT } from './parse-files.js'
import { rebuildIndex } from '../../search/deferred-index.js'
import { countFeatured, getPaper, listFeatured } from '../store.js'

// Counts of ../shared/data/hf-daily-papers, from that folder's README.
const FILES = 375
const ITEMS = 7149
const DISTINCT_PAPERS = 7145

describeEachDatabase('importing the recorded Hugging Face daily papers', (db) => {
  let report: Awaited<ReturnType<typeof importHfDaily>>
  // The whole recorded folder, once for the checks below: 7,149 items take seconds alone, and far
  // longer on PostgreSQL while other suites load both cores.
  beforeAll(async () => {
    report = await importHfDaily(db(), HF_DAILY_DIR)
  }, 180_000)

  it('imports every file and item', async () => {
    // Each item counts once: a paper's later days are updates to it.
    expect(report).toMatchObject({
      files: FILES,
      filesSkipped: 0,
      items: ITEMS,
      added: DISTINCT_PAPERS,
      updated: ITEMS - DISTINCT_PAPERS,
      unchanged: 0,
      skipped: 0,
    })
    expect(report.problems).toEqual([])
    const papers = await db()
      .kysely.selectFrom('papers')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow()
    expect(Number(papers.n)).toBe(DISTINCT_PAPERS)
    expect(await countFeatured(db(), {})).toBe(DISTINCT_PAPERS) // one listing entry per paper
    const featuredRows = await db()
      .kysely.selectFrom('featured')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow()
    expect(Number(featuredRows.n)).toBe(ITEMS) // but every featured day is kept
  })

  // SQLite's index was written batch by batch from tokens made in the parsing thread; PostgreSQL's
  // at the end of the load: either way it holds what a rebuild from the stored papers writes.
  it('indexes every paper as a rebuild of the index from the catalog would', async () => {
    const written = await indexContent(db())
    expect(written.length).toBeGreaterThanOrEqual(DISTINCT_PAPERS)
    await rebuildIndex(db())
    expect(await indexContent(db())).toEqual(written)
  })

  it('keeps the fields of a known paper as Hugging Face gave them', async () => {
    const file = JSON.parse(readFileSync(join(HF_DAILY_DIR, '2026-08-21.json'), 'utf8'))
    const item = file.find((i: { paper: { id: string } }) => i.paper.id === '2608.19880')
    const found = await getPaper(db(), '2608.19880')
    expect(found).not.toBeNull()
    const { paper, featurings } = found!
    expect(paper.title).toBe(item.paper.title)
    expect(paper.abstract).toBe(item.paper.summary)
    expect(paper.publishedAt).toBe(item.paper.publishedAt)
    expect(paper.upvotes).toBe(item.paper.upvotes)
    expect(paper.numComments).toBe(item.numComments)
    expect(paper.authors.map((a) => a.name)).toEqual(
      item.paper.authors.filter((a: { hidden: boolean }) => !a.hidden).map((a: { name: string }) => a.name),
    )
    expect(paper.thumbnail).toBe(item.thumbnail)
    expect(paper.aiSummary ?? undefined).toBe(item.paper.ai_summary)
    expect(featurings).toHaveLength(1)
    expect(featurings[0]!.featuredOn).toBe('2026-08-21')
    expect(featurings[0]!.submittedBy?.name).toBe(item.submittedBy.name)
  })

  it('keeps both days of a paper featured twice, with the later day’s counts', async () => {
    const later = JSON.parse(readFileSync(join(HF_DAILY_DIR, '2026-04-16.json'), 'utf8'))
    const item = later.find((i: { paper: { id: string } }) => i.paper.id === '2604.07429')
    const found = await getPaper(db(), '2604.07429')
    expect(found!.featurings.map((f) => f.featuredOn)).toEqual(['2026-04-16', '2026-04-10'])
    expect(found!.paper.upvotes).toBe(item.paper.upvotes)
  })

  // A day without a paper that was featured again later (those carry the later day's count).
  it('ranks a day by upvotes, as Hugging Face listed it', async () => {
    const file = JSON.parse(readFileSync(join(HF_DAILY_DIR, '2026-06-11.json'), 'utf8'))
    const day = await listFeatured(db(), {
      range: { start: '2026-06-11', end: '2026-06-12' },
      sort: 'upvotes',
      offset: 0,
      limit: 100,
    })
    expect(day.map((e) => e.paper.id)).toEqual(file.map((i: { paper: { id: string } }) => i.paper.id))
  })

  it('changes nothing when the same files are imported again', async () => {
    const before = await db().kysely.selectFrom('papers').select(['id', 'modified_at']).orderBy('id').execute()
    const report = await importHfDaily(db(), HF_DAILY_DIR)
    expect(report).toMatchObject({ added: 0, updated: 0, unchanged: ITEMS, skipped: 0 })
    const after = await db().kysely.selectFrom('papers').select(['id', 'modified_at']).orderBy('id').execute()
    expect(after).toEqual(before)
  })

  it('reports a corrupted file and a bad item, skips them, and lands the rest', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'paperboy-import-'))
    const text = readFileSync(join(HF_DAILY_DIR, '2025-03-17.json'), 'utf8')
    writeFileSync(join(dir, '2025-03-17.json'), text.slice(0, text.length / 2)) // cut mid-way
    const items = JSON.parse(readFileSync(join(HF_DAILY_DIR, '2025-03-18.json'), 'utf8'))
    items[2].paper.id = 'not-an-id'
    items[5].paper.upvotes = 'many'
    items[0].numComments = items[0].numComments + 7 // a newer recording of the same day
    writeFileSync(join(dir, '2025-03-18.json'), JSON.stringify(items))
    copyFileSync(join(HF_DAILY_DIR, '2025-03-19.json'), join(dir, '2025-03-19.json'))

    const report = await importHfDaily(db(), dir)
    expect(report).toMatchObject({ files: 3, filesSkipped: 1, skipped: 2, updated: 1 })
    expect(report.added + report.updated + report.unchanged + report.skipped).toBe(report.items)
    expect(report.problems).toEqual([
      { file: '2025-03-17.json', reason: expect.stringContaining('not valid JSON') },
      { file: '2025-03-18.json', item: 2, reason: 'paper.id: not an arXiv id' },
      { file: '2025-03-18.json', item: 5, reason: expect.stringMatching(/^paper\.upvotes: /) },
    ])
    expect((await getPaper(db(), items[0].paper.id))!.paper.numComments).toBe(items[0].numComments)
  })

  it('keeps the first problems of a file of bad items, and counts them all', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'paperboy-import-'))
    const bad = PROBLEMS_KEPT + 50
    writeFileSync(join(dir, '2025-03-17.json'), JSON.stringify(Array.from({ length: bad }, () => ({}))))
    const report = await importHfDaily(db(), dir)
    expect(report).toMatchObject({ items: bad, skipped: bad, added: 0 })
    expect(report.problems).toHaveLength(PROBLEMS_KEPT)
    expect(report.problems.at(-1)).toMatchObject({ item: PROBLEMS_KEPT - 1 })
  })
})

/** The search index's content: SQLite's terms with their counts, PostgreSQL's documents. */
async function indexContent(db: TestDb): Promise<string[]> {
  const query =
    db.dialect === 'sqlite'
      ? sql<{ row: string }>`select term || ' ' || doc || ' ' || cnt as row from search_vocab order by term`
      : sql<{ row: string }>`select paper_id || ' ' || document::text as row from search_documents order by paper_id`
  return (await query.execute(db.kysely)).rows.map((r) => r.row)
}

describe('importing a path that is not there', () => {
  it('fails with the missing path', async () => {
    await expect(importHfDaily(null as never, '/nonexistent/folder')).rejects.toMatchObject({ code: 'ENOENT' })
  })
})
