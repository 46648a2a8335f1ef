import { readFile } from 'node:fs/promises'
import { z } from 'zod'
import type { Db } from '../../platform/db/connect.js'
import { localIdFor, parseArxivId } from '../arxiv-id.js'
import type { PaperRecord } from '../model.js'
import { noteCatalogWrite } from '../store.js'
import { upsertPapers } from '../upsert.js'
import {
  DEMO_SOURCE,
  deleteDemo,
  type DemoRemoval,
  demoDay,
  forgetDemoRemoval,
  hasRealFeatured,
  isCatalogEmpty,
  recordDemoPapers,
  storedTitles,
  wasDemoRemoved,
} from './store.js'

/**
 * The bundled demo set: the 96 papers of the page Paperboy was made from, so that a first start
 * shows a real-looking day. It is marked in the database and steps aside for real data
 * (docs/decisions/0014-demo-set.md).
 */
export const DEMO_FILE = new URL('../../../demo/papers.jsonl', import.meta.url)

const demoLine = z.object({
  arxivId: z.string().nullable(),
  title: z.string().min(1),
  abstract: z.string(),
  authors: z.array(z.string()),
  publishedAt: z.iso.date().nullable(),
  categories: z.array(z.string()),
  githubRepo: z.url({ protocol: /^https?$/ }).nullable(),
})

export type LoadOutcome =
  | { status: 'loaded'; day: string; papers: number; added: number }
  | { status: 'already'; day: string }
  | { status: 'real-data' }

/**
 * `serve`'s rule: fills an empty catalog with the demo set, featured on `today`, unless the demo
 * was removed before. Returns the number of papers loaded (0 when it loaded nothing).
 */
export async function loadDemoIfEmpty(db: Db, today: string, now = new Date().toISOString()): Promise<number> {
  if ((await wasDemoRemoved(db.kysely)) || !(await isCatalogEmpty(db.kysely))) return 0
  return (await writeDemo(db, today, now)).papers
}

/** `paperboy demo load`: features the demo set on `today`, unless it is shown or real days are. */
export async function loadDemo(db: Db, today: string): Promise<LoadOutcome> {
  const day = await demoDay(db.kysely)
  if (day) return { status: 'already', day }
  if (await hasRealFeatured(db.kysely)) return { status: 'real-data' }
  return { status: 'loaded', day: today, ...(await writeDemo(db, today)) }
}

/** `paperboy demo remove`; null when the demo is not shown. */
export async function removeDemo(db: Db, reason = 'removed by hand'): Promise<DemoRemoval | null> {
  const removal = await db.kysely.transaction().execute(async (trx) => {
    if (!(await demoDay(trx))) return null
    return deleteDemo(trx, reason, new Date().toISOString())
  })
  if (removal) noteCatalogWrite()
  return removal
}

/**
 * Retires a demo that real featured papers already sit beside: the write path does this as they
 * arrive, and `serve` at start for a catalog filled before the demo was marked.
 */
export async function removeDemoIfReplaced(db: Db): Promise<DemoRemoval | null> {
  if (!(await hasRealFeatured(db.kysely))) return null
  return removeDemo(db, 'real featured papers arrived')
}

/** `now` (ISO) is when the demo papers count as submitted: tests pass a fixed clock. */
async function writeDemo(
  db: Db,
  today: string,
  now = new Date().toISOString(),
): Promise<{ papers: number; added: number }> {
  const records = parseDemo(await readFile(DEMO_FILE, 'utf8'), today, now)
  const stored = await storedTitles(
    db.kysely,
    records.map((r) => r.id),
  )
  const added = records.filter((r) => !stored.has(r.id))
  await recordDemoPapers(
    db.kysely,
    added.map((r) => r.id),
  )
  // A paper already in the catalog keeps everything it knows; the demo only features it.
  await upsertPapers(
    db,
    records.map((r) => (stored.has(r.id) ? { id: r.id, title: stored.get(r.id)!, featuring: r.featuring! } : r)),
  )
  await forgetDemoRemoval(db.kysely)
  return { papers: records.length, added: added.length }
}

export function parseDemo(text: string, today: string, now: string): PaperRecord[] {
  const lines = text.split('\n').filter((l) => l.trim())
  return lines.map((line, position) => {
    const d = demoLine.parse(JSON.parse(line))
    const id = (d.arxivId && parseArxivId(d.arxivId)?.id) || localIdFor(d.title)
    const record: PaperRecord = {
      id,
      title: d.title,
      abstract: d.abstract,
      authors: d.authors,
      categories: d.categories,
      featuring: { featuredOn: today, source: DEMO_SOURCE, position, submittedBy: null, submittedAt: now },
    }
    if (d.publishedAt) record.publishedAt = `${d.publishedAt}T00:00:00.000Z`
    if (d.githubRepo) record.githubRepo = d.githubRepo
    return record
  })
}
