import { Hono } from 'hono'
import { z } from 'zod'
import type { Db } from '../platform/db/connect.js'
import { badRequest, notFound } from '../platform/http/http-error.js'
import { parseQuery } from '../platform/http/params.js'
import { cacheKey, jsonOf, type ResponseCache } from '../platform/http/response-cache.js'
import { findUserByName } from '../community/accounts/store.js'
import { hfPeople } from '../community/hf-people.js'
import { looksLikeArxivId, parsePaperId } from './arxiv-id.js'
import { toDailyItem, toFlatPaper } from './huggingface/shape.js'
import { FIRST_YEAR, LAST_YEAR, type Period, parseDay, parseMonth, parseWeek } from './period.js'
import { findPaper, type PaperLookup } from './lookup.js'
import { listFeatured, listPapers, type PaperCursor } from './store.js'

const MAX_OFFSET = 100_000 // deeper pages are a crawl, which /api/papers serves by cursor
const MAX_DATE_LENGTH = 40 // the longest ISO datetime, with a fraction and an offset, is 35

const limit = (max: number, fallback: number) =>
  z.coerce
    .number({ message: 'limit must be a number' })
    .int('limit must be a whole number')
    .min(1, `limit must be between 1 and ${max}`)
    .max(max, `limit must be between 1 and ${max}`)
    .default(fallback)

const dailyQuery = z
  .object({
    date: z.string().max(MAX_DATE_LENGTH, 'date is too long').optional(),
    week: z.string().max(MAX_DATE_LENGTH, 'week is too long').optional(),
    month: z.string().max(MAX_DATE_LENGTH, 'month is too long').optional(),
    p: z.coerce
      .number({ message: 'p must be a number' })
      .int('p must be a whole number')
      .min(0, 'p starts at 0')
      .default(0),
    limit: limit(100, 50),
    sort: z
      .enum(['publishedAt', 'trending'], { message: 'sort must be publishedAt or trending' })
      .default('publishedAt'),
    submitter: z.string().trim().min(1).max(100, 'submitter is too long').optional(),
  })
  .refine((q) => [q.date, q.week, q.month].filter((v) => v !== undefined).length <= 1, {
    message: 'give at most one of date, week and month',
  })
  .refine((q) => q.p * q.limit <= MAX_OFFSET, { message: `p × limit must be at most ${MAX_OFFSET}` })

const listQuery = z.object({ cursor: z.string().max(400).optional(), limit: limit(100, 50) })

/**
 * Hugging Face's papers API (../shared/HF-API.md), so its clients work against Paperboy. Every
 * answer comes from the catalog and is served from `cache`, keyed by the parsed parameters.
 */
export function papersApi(db: Db, baseUrl: string, cache: ResponseCache, lookup?: PaperLookup): Hono {
  const app = new Hono()

  app.get('/api/daily_papers', async (c) => {
    const q = parseQuery(dailyQuery, c.req.query())
    const period = requestedPeriod(q)
    const key = cacheKey('/api/daily_papers', {
      period: period && `${period.kind}:${period.key}`,
      submitter: q.submitter,
      sort: q.sort,
      p: q.p,
      limit: q.limit,
    })
    return cache.respond(c, key, async () => {
      const entries = await listFeatured(db, {
        ...(period && { range: { start: period.start, end: period.end } }),
        ...(q.submitter && { submitter: await submitterName(db, q.submitter) }),
        sort: q.sort,
        offset: q.p * q.limit,
        limit: q.limit,
      })
      const people = await hfPeople(
        db,
        baseUrl,
        entries.map((e) => e.paper),
        entries.map((e) => e.featuring),
      )
      return jsonOf(entries.map((e) => toDailyItem(e, people)))
    })
  })

  app.get('/api/papers', async (c) => {
    const q = parseQuery(listQuery, c.req.query())
    const after = q.cursor === undefined ? null : decodeCursor(q.cursor)
    // The cursor re-encoded, so that another spelling of the same position shares the entry.
    const key = cacheKey('/api/papers', { after: after && encodeCursor(after), limit: q.limit })
    return cache.respond(c, key, async () => {
      const papers = await listPapers(db, after, q.limit)
      const people = await hfPeople(db, baseUrl, papers)
      const last = papers.at(-1)
      const next = last && papers.length === q.limit && encodeCursor({ publishedAt: last.publishedAt, id: last.id })
      const link = next && `<${baseUrl}/api/papers?cursor=${next}&limit=${q.limit}>; rel="next"`
      return jsonOf(
        papers.map((p) => toFlatPaper(p, [], people)),
        link ? { Link: link } : undefined,
      )
    })
  })

  app.get('/api/papers/:id{.+}', async (c) => {
    const raw = c.req.param('id')
    const parsed = parsePaperId(raw)
    if (!parsed) {
      // An id that could never be issued is still a question about a paper: Hugging Face answers 404.
      if (looksLikeArxivId(raw)) throw notFound(`There is no paper ${raw.trim()}.`)
      throw badRequest(`“${raw}” is not an arXiv id`)
    }
    // A paper the catalog lacks is fetched from arXiv into the catalog, which moves its version, so
    // the cache does not keep that answer: only what the catalog held is served from the cache.
    return cache.respond(c, cacheKey('/api/papers/', { id: parsed.id }), async () => {
      const found = await findPaper(db, parsed, lookup)
      const people = await hfPeople(db, baseUrl, [found.paper], found.featurings.slice(0, 1))
      return jsonOf(toFlatPaper(found.paper, found.featurings, people))
    })
  })

  return app
}

/**
 * The name featured rows carry for `submitter=`: a local member's username as they spelled it
 * (usernames here are case-insensitive, as on Hugging Face), else the name as asked.
 */
async function submitterName(db: Db, asked: string): Promise<string> {
  return (await findUserByName(db, asked))?.username ?? asked
}

function requestedPeriod(q: {
  date?: string | undefined
  week?: string | undefined
  month?: string | undefined
}): Period | null {
  if (q.date !== undefined) {
    // Hugging Face also accepts a full ISO datetime; its UTC day is meant.
    const day =
      /^\d{4}-\d{2}-\d{2}T/.test(q.date) && !Number.isNaN(Date.parse(q.date))
        ? new Date(q.date).toISOString().slice(0, 10)
        : q.date
    return parseDay(day) ?? fail(`date “${q.date}” is not a valid date (YYYY-MM-DD)`)
  }
  if (q.week !== undefined) return parseWeek(q.week) ?? fail(`week “${q.week}” is not a valid ISO week (YYYY-Www)`)
  if (q.month !== undefined) return parseMonth(q.month) ?? fail(`month “${q.month}” is not a valid month (YYYY-MM)`)
  return null
}

function fail(message: string): never {
  throw badRequest(`${message}, from ${FIRST_YEAR} to ${LAST_YEAR}`)
}

export function encodeCursor(c: PaperCursor): string {
  return Buffer.from(JSON.stringify([c.publishedAt, c.id])).toString('base64url')
}

// Exactly what encodeCursor writes: an arXiv date as toISOString() gives it (PostgreSQL has no
// year 0) and a paper id in its stored form. Anything looser could pass Date.parse and still fail
// in the database.
const cursorShape = z.tuple([
  z.iso
    .datetime({ precision: 3 })
    .refine((d) => !d.startsWith('0000') && new Date(d).toISOString() === d)
    .nullable(),
  z.string().refine((id) => parsePaperId(id)?.id === id),
])

export function decodeCursor(s: string): PaperCursor {
  try {
    const [publishedAt, id] = cursorShape.parse(JSON.parse(Buffer.from(s, 'base64url').toString('utf8')))
    const cursor = { publishedAt, id }
    // Base64 padding is optional (clients add it); any other difference is not a cursor we wrote.
    if (encodeCursor(cursor) !== s.replace(/={1,2}$/, '')) throw new Error('not in the form this server writes')
    return cursor
  } catch {
    throw badRequest('cursor is not one this server handed out; start without a cursor')
  }
}
