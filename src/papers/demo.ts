import { readFile } from 'node:fs/promises'
import { z } from 'zod'
import type { Db } from '../platform/db/connect.js'
import { localIdFor, parseArxivId } from './arxiv-id.js'
import type { PaperRecord } from './model.js'
import { upsertPapers } from './upsert.js'

export const DEMO_FILE = new URL('../../demo/papers.jsonl', import.meta.url)

const demoLine = z.object({
  arxivId: z.string().nullable(),
  title: z.string().min(1),
  abstract: z.string(),
  authors: z.array(z.string()),
  publishedAt: z.iso.date().nullable(),
  categories: z.array(z.string()),
  githubRepo: z.url({ protocol: /^https?$/ }).nullable(),
})

/**
 * Fills an empty catalog with the bundled demo set, featured on `today` in the file's order, so a
 * first start shows a real day's page. Returns the number of papers loaded (0 if not empty).
 * `now` (ISO) is when it is submitted: tests pass a fixed clock.
 */
export async function loadDemoIfEmpty(db: Db, today: string, now = new Date().toISOString()): Promise<number> {
  const any = await db.kysely.selectFrom('papers').select('id').limit(1).executeTakeFirst()
  if (any) return 0
  const records = parseDemo(await readFile(DEMO_FILE, 'utf8'), today, now)
  await upsertPapers(db, records)
  return records.length
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
      featuring: { featuredOn: today, source: 'demo', position, submittedBy: null, submittedAt: now },
    }
    if (d.publishedAt) record.publishedAt = `${d.publishedAt}T00:00:00.000Z`
    if (d.githubRepo) record.githubRepo = d.githubRepo
    return record
  })
}
