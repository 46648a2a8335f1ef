import { readFileSync } from 'node:fs'
import pino from 'pino'
import { beforeEach, describe, expect, it } from 'vitest'
import { createApp } from '../src/app.js'
import { loadConfig } from '../src/config.js'
import {
  DEMO_FILE,
  loadDemo,
  loadDemoIfEmpty,
  parseDemo,
  removeDemo,
  removeDemoIfReplaced,
} from '../src/papers/demo/demo-set.js'
import { importHfDaily } from '../src/papers/huggingface/import.js'
import { getPaper } from '../src/papers/store.js'
import { upsertPapers } from '../src/papers/upsert.js'
import { describeEachDatabase } from './support/db.js'
import { HF_DAILY_DIR } from './support/env.js'
import { paperIdsIn, textOf } from './support/html.js'
import { catalogIds, emptyCatalog, featuredRows } from './support/ingest.js'
import { RECORDED_DAYS, recordedDay } from './support/recorded.js'

/** The bundled demo set: shown on a new site, never called new, and out of the way of real data. */
const TODAY = new Date().toISOString().slice(0, 10)
const LAST_RECORDED_DAY = RECORDED_DAYS.at(-1)!
const DEMO_IDS = parseDemo(readFileSync(DEMO_FILE, 'utf8'), TODAY, new Date().toISOString()).map((r) => r.id)
const NOTICE = 'These are demo papers'

describeEachDatabase('the demo set', (db) => {
  const app = () =>
    createApp({
      config: loadConfig({ BASE_URL: 'https://papers.example.org', LOG_LEVEL: 'silent' }),
      db: db(),
      logger: pino({ level: 'silent' }),
    })
  const page = async (a: ReturnType<typeof createApp>, path: string) => {
    const res = await a.request(path)
    expect(res.status, path).toBe(200)
    return res.text()
  }
  const demoFeatured = async () => (await featuredRows(db())).filter((f) => f.source === 'demo').length

  beforeEach(async () => {
    await emptyCatalog(db())
    await db().kysely.deleteFrom('demo_papers').execute()
    await db().kysely.deleteFrom('demo_removal').execute()
  })

  it('fills an empty catalog, says it is demo data, and never marks its papers “New”', async () => {
    expect(await loadDemoIfEmpty(db(), TODAY)).toBe(DEMO_IDS.length)
    const site = app()
    for (const path of ['/', '/papers', `/papers/date/${TODAY}`, '/papers/trending']) {
      const html = await page(site, path)
      expect(paperIdsIn(html).length, path).toBe(50)
      expect(textOf(html), path).toContain(NOTICE)
      expect(textOf(html), path).toContain('npx paperboy import')
      // Featured seconds ago: a real paper would carry the mark.
      expect(html, path).not.toContain('badge-new')
      expect(textOf(html), path).not.toMatch(/\bNew\b/)
    }
  })

  it('steps aside when the recorded Hugging Face days are imported: every listing and the API show real days', async () => {
    await loadDemoIfEmpty(db(), TODAY)
    const site = app()
    expect(paperIdsIn(await page(site, '/'))).toEqual(DEMO_IDS.slice(0, 50)) // cached now, under the old version
    const report = await importHfDaily(db(), HF_DAILY_DIR)
    expect(report.problems).toEqual([])

    expect(await demoFeatured()).toBe(0)
    const catalog = new Set(await catalogIds(db()))
    expect(DEMO_IDS.filter((id) => catalog.has(id))).toEqual([])
    const lastDay = recordedDay(LAST_RECORDED_DAY).map((i) => i.paper.id)
    for (const path of ['/', '/papers']) {
      const html = await page(site, path)
      expect(paperIdsIn(html).sort(), path).toEqual([...lastDay].sort())
      expect(textOf(html), path).not.toContain(NOTICE)
    }
    const trending = paperIdsIn(await page(site, '/papers/trending'))
    expect(trending.filter((id) => DEMO_IDS.includes(id))).toEqual([])
    const api: { paper: { id: string }; submittedOnDailyAt?: string }[] = await (
      await site.request('/api/daily_papers?limit=100')
    ).json()
    expect(api.filter((i) => DEMO_IDS.includes(i.paper.id))).toEqual([])
    expect(lastDay).toContain(api[0]!.paper.id)
    expect((await site.request(`/papers/date/${TODAY}`)).status).toBe(200) // an empty day now, not an error
  })

  it('keeps a demo paper that a real source featured too, with its real day', async () => {
    await loadDemoIfEmpty(db(), TODAY)
    const [real, gone] = [DEMO_IDS[0]!, DEMO_IDS[1]!]
    const title = (await getPaper(db(), real))!.paper.title
    const featuring = {
      featuredOn: '2026-08-21',
      source: 'hf',
      position: 0,
      submittedBy: null,
      submittedAt: '2026-08-21T08:00:00.000Z',
    } as const
    await upsertPapers(db(), [
      { id: real, title, authors: ['A. Real Author'], counts: { upvotes: 12, numComments: 0 }, featuring },
    ])

    const kept = (await getPaper(db(), real))!
    expect(kept.featurings.map((f) => [f.featuredOn, f.source])).toEqual([['2026-08-21', 'hf']])
    expect(kept.paper).toMatchObject({ upvotes: 12, authors: [{ name: 'A. Real Author', hidden: false }] })
    expect(await getPaper(db(), gone)).toBeNull()
    expect(await catalogIds(db())).toEqual([real])
  })

  it('never touches a paper that was in the catalog before the demo, and leaves it there on removal', async () => {
    const before = {
      id: DEMO_IDS[2]!,
      title: 'As arXiv has it',
      abstract: 'From an arXiv ingest.',
      authors: ['Ann Author'],
      categories: ['cs.LG'],
    }
    await upsertPapers(db(), [before])
    expect(await loadDemo(db(), TODAY)).toEqual({
      status: 'loaded',
      day: TODAY,
      papers: DEMO_IDS.length,
      added: DEMO_IDS.length - 1,
    })
    expect((await getPaper(db(), before.id))!.paper).toMatchObject({
      title: before.title,
      abstract: before.abstract,
      categories: ['cs.LG'],
    })

    expect(await removeDemo(db())).toEqual({ deleted: DEMO_IDS.length - 1, kept: 1 })
    expect(await catalogIds(db())).toEqual([before.id])
    expect((await getPaper(db(), before.id))!.featurings).toEqual([])
  })

  it('is removed and loaded by hand, each harmless to repeat', async () => {
    expect(await removeDemo(db())).toBeNull()
    expect(await loadDemo(db(), TODAY)).toMatchObject({
      status: 'loaded',
      papers: DEMO_IDS.length,
      added: DEMO_IDS.length,
    })
    expect(await loadDemo(db(), TODAY)).toEqual({ status: 'already', day: TODAY })
    expect(await demoFeatured()).toBe(DEMO_IDS.length)
    expect(await removeDemo(db())).toEqual({ deleted: DEMO_IDS.length, kept: 0 })
    expect(await removeDemo(db())).toBeNull()
    expect(await catalogIds(db())).toEqual([])
    expect(await loadDemo(db(), TODAY)).toMatchObject({ status: 'loaded', added: DEMO_IDS.length })
  })

  it('is not loaded again by serve once removed, even into an empty catalog', async () => {
    await loadDemoIfEmpty(db(), TODAY)
    await removeDemo(db())
    expect(await loadDemoIfEmpty(db(), TODAY)).toBe(0)
    expect(await catalogIds(db())).toEqual([])
  })

  it('is not loaded by hand beside real featured days', async () => {
    await importHfDaily(db(), `${HF_DAILY_DIR}/${LAST_RECORDED_DAY}.json`)
    expect(await loadDemo(db(), TODAY)).toEqual({ status: 'real-data' })
    expect(await loadDemoIfEmpty(db(), TODAY)).toBe(0)
    expect(await demoFeatured()).toBe(0)
  })

  it('steps aside at start when real days already sit beside it (a catalog from before the demo was marked)', async () => {
    await loadDemoIfEmpty(db(), TODAY)
    // Real featured papers written around the write path, as an older Paperboy left them.
    const item = recordedDay(LAST_RECORDED_DAY)[0]!
    await db()
      .kysely.insertInto('papers')
      .values({
        id: item.paper.id,
        title: item.paper.title,
        abstract: '',
        categories: '',
        created_at: TODAY,
        modified_at: TODAY,
      })
      .execute()
    await db()
      .kysely.insertInto('featured')
      .values({
        paper_id: item.paper.id,
        featured_on: LAST_RECORDED_DAY,
        source: 'hf',
        position: 0,
        submitted_by: null,
        submitter: null,
        submitted_at: `${LAST_RECORDED_DAY}T08:00:00.000Z`,
      })
      .execute()
    expect(await removeDemoIfReplaced(db())).toEqual({ deleted: DEMO_IDS.length, kept: 0 })
    expect(await removeDemoIfReplaced(db())).toBeNull()
    expect(await catalogIds(db())).toEqual([item.paper.id])
  })

  describe('featured by an ingest run', () => {
    it('steps aside when an ingest run features papers, and stays when a run only adds to the catalog', async () => {
      await loadDemoIfEmpty(db(), TODAY)
      await upsertPapers(db(), [{ id: '2401.00001', title: 'Only in the catalog' }])
      expect(await demoFeatured()).toBe(DEMO_IDS.length)
      const featuring = {
        featuredOn: TODAY,
        source: 'arxiv',
        position: 0,
        submittedBy: null,
        submittedAt: new Date().toISOString(),
      } as const
      await upsertPapers(db(), [{ id: '2401.00002', title: 'Featured by an ingest run', featuring }])
      expect(await demoFeatured()).toBe(0)
      expect(await catalogIds(db())).toEqual(['2401.00001', '2401.00002'])
    })
  })
})

describe('the demo file', () => {
  it('holds 96 distinct papers, 31 of them without authors', () => {
    const records = parseDemo(readFileSync(DEMO_FILE, 'utf8'), TODAY, new Date().toISOString())
    expect(new Set(records.map((r) => r.id)).size).toBe(96)
    expect(records.filter((r) => r.authors?.length === 0)).toHaveLength(31)
  })
})
