import { Cite } from '@citation-js/core'
import '@citation-js/plugin-bibtex'
import '@citation-js/plugin-ris'
import pino from 'pino'
import { beforeAll, expect, it } from 'vitest'
import { createApp } from '../src/app.js'
import { loadConfig } from '../src/config.js'
import { upsertPapers } from '../src/papers/upsert.js'
import { describeEachDatabase } from './support/db.js'
import { tags } from './support/html.js'
import { RECORDED_DAYS, recordedDay } from './support/recorded.js'
import { seedCatalog } from './support/site.js'

const BASE_URL = 'https://papers.example.org'
const TODAY = '2026-08-24'
const LAST_DAY = RECORDED_DAYS.at(-1)!

type Csl = {
  id: string
  title: string
  author?: { family?: string; given?: string; literal?: string }[]
  issued?: { 'date-parts': number[][] }
  number?: string
}

/** What a reference manager reads from a file: citation.js parses BibTeX, RIS and CSL-JSON alike. */
async function parsed(text: string): Promise<Csl[]> {
  return (await Cite.async(text)).data as Csl[]
}
const fullNames = (item: Csl) => (item.author ?? []).map((a) => a.literal ?? `${a.given} ${a.family}`)

describeEachDatabase('citation exports', (db) => {
  let app: ReturnType<typeof createApp>
  const get = (path: string) => app.request(`${BASE_URL}${path}`)
  const paper = () => recordedDay(LAST_DAY)[0]!.paper

  beforeAll(async () => {
    await seedCatalog(db(), TODAY)
    await upsertPapers(db(), [
      {
        id: '2608.99911',
        title: 'Sound Waves in the Works of Ludwig van Beethoven',
        abstract: 'A study of $\\alpha$-rhythms.',
        authors: ['Ludwig van Beethoven', 'Ada Lovelace', 'Plato'],
        publishedAt: '2026-08-12T00:00:00.000Z',
        categories: ['physics.hist-ph'],
        doi: '10.1000/example',
      },
    ])
    const config = loadConfig({ BASE_URL, LOG_LEVEL: 'silent' })
    app = createApp({
      config,
      db: db(),
      logger: pino({ level: 'silent' }),
      now: () => Date.parse(`${TODAY}T09:00:00Z`),
    })
  })

  it('gives one paper as BibTeX, RIS and CSL-JSON that reference managers read alike', async () => {
    const { id, title } = paper()
    const answers = await Promise.all(['bib', 'ris', 'csl.json'].map((f) => get(`/papers/${id}.${f}`)))
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200])
    expect(answers.map((r) => r.headers.get('content-type'))).toEqual([
      'application/x-bibtex; charset=utf-8',
      'application/x-research-info-systems; charset=utf-8',
      'application/vnd.citationstyles.csl+json; charset=utf-8',
    ])
    expect(answers[0]!.headers.get('content-disposition')).toBe(`attachment; filename="${id}.bib"`)
    const [bib, ris, csl] = await Promise.all(answers.map(async (r) => (await parsed(await r.text()))[0]!))
    const authors = paper()
      .authors.filter((a) => !a.hidden)
      .map((a) => a.name)
    for (const item of [bib!, ris!, csl!]) {
      expect(item.title.replace(/\s+/g, ' ')).toBe(title.replace(/\s+/g, ' ').trim())
      expect(fullNames(item)).toEqual(authors)
    }
    expect(csl!.number).toBe(`arXiv:${id}`)
  })

  it('splits names the way reference managers file them, particles with the family name', async () => {
    const [csl] = await parsed(await (await get('/papers/2608.99911.csl.json')).text())
    expect(csl!.author).toEqual([
      { family: 'van Beethoven', given: 'Ludwig' },
      { family: 'Lovelace', given: 'Ada' },
      { literal: 'Plato' },
    ])
    expect(csl!.issued).toEqual({ 'date-parts': [[2026, 8, 12]] })
    const ris = await (await get('/papers/2608.99911.ris')).text()
    expect(ris.split('\r\n')).toContain('AU  - van Beethoven, Ludwig')
    expect(ris.split('\r\n')).toContain('DO  - 10.1000/example')
    expect(ris.endsWith('ER  - \r\n')).toBe(true)
  })

  it('sends a versioned address to the paper’s own, keeping the format', async () => {
    const res = await get(`/papers/${paper().id}v2.ris`)
    expect(res.status).toBe(301)
    expect(res.headers.get('location')).toBe(`/papers/${paper().id}.ris`)
  })

  it('exports a whole day with one unique citation key per paper', async () => {
    const res = await get(`/papers/date/${LAST_DAY}/export.bib`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="papers-date-${LAST_DAY}.bib"`)
    const items = await parsed(await res.text())
    expect(items.length).toBe(recordedDay(LAST_DAY).length)
    expect(new Set(items.map((i) => i.id)).size).toBe(items.length)
    const risItems = await parsed(await (await get(`/papers/date/${LAST_DAY}/export.ris`)).text())
    expect(risItems.map((i) => i.title)).toEqual(items.map((i) => i.title))
  })

  it('exports a search result page as shown, and trending, a week and a month', async () => {
    const page = await (await get('/search?q=agents&per_page=5&page=2')).text()
    const shown = tags(page, 'a')
      .filter((a) => a.href?.match(/^\/papers\/\d{4}\.\d+$/))
      .map((a) => a.href!.slice(8))
    const exported = JSON.parse(await (await get('/search/export.csl.json?q=agents&per_page=5&page=2')).text()) as Csl[]
    expect(exported.map((i) => i.number!.slice(6))).toEqual([...new Set(shown)])
    for (const path of ['/papers/trending', '/papers/week/2026-W34', '/papers/month/2026-08', '/papers']) {
      const res = await get(`${path}/export.ris`)
      expect(res.status, path).toBe(200)
      expect((await parsed(await res.text())).length, path).toBeGreaterThan(0)
    }
  })

  it('links each format from the paper page and every list', async () => {
    const hrefs = async (path: string) => tags(await (await get(path)).text(), 'a').map((a) => a.href)
    expect(await hrefs(`/papers/${paper().id}`)).toEqual(
      expect.arrayContaining(['bib', 'ris', 'csl.json'].map((f) => `/papers/${paper().id}.${f}`)),
    )
    expect(await hrefs(`/papers/date/${LAST_DAY}`)).toContain(`/papers/date/${LAST_DAY}/export.bib`)
    expect(await hrefs('/search?q=agents')).toContain('/search/export.ris?q=agents')
  })

  it('answers bad export addresses with a clear 4xx', async () => {
    expect((await get('/papers/2401.99999.bib')).status).toBe(404)
    expect((await get('/papers/not-an-id.ris')).status).toBe(404)
    expect((await get('/papers/date/2026-02-30/export.bib')).status).toBe(400)
    expect((await get('/search/export.bib')).status).toBe(400)
  })
})
