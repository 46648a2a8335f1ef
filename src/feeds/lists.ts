import type { FeaturedPaper, Paper } from '../papers/model.js'
import { periodPath, TRENDING_PATH } from '../papers/paths.js'
import { addDays, FIRST_YEAR, LAST_YEAR, parsePeriod, type PeriodKind, toDay } from '../papers/period.js'
import { latestFeaturedDay, listFeatured } from '../papers/store.js'
import type { Db } from '../platform/db/connect.js'
import { badRequest } from '../platform/http/http-error.js'
import { cacheKey } from '../platform/http/response-cache.js'
import { SEARCH_PATH } from '../search/paths.js'
import { parseQuery } from '../search/query.js'
import { asksForSomething, parseSearchOptions, searchParamsOf, toSearchRequest } from '../search/request.js'
import { searchPapers } from '../search/service.js'
import { LATEST_FEED_BASE } from './links.js'
import { authorPath } from '../authors/paths.js'
import { authorPaperIds } from '../authors/store.js'
import { authorName } from '../authors/name.js'
import { getPapers } from '../papers/store.js'

/**
 * The lists a reader can follow (feeds) or take away (exports): what each is called, where its page
 * is, and its papers with the day each entered it. Checking the address happens at once (a 400 for a
 * bad one; a member's list is looked up first, so a 404 for an unknown or private one); the papers
 * are read only when a cached copy will not do (`load`).
 */
export interface PaperList {
  /** The cache key of the list, without the format. */
  key: string
  /** The list's page, with a search's parameters in their canonical order. */
  path: string
  title: string
  description: string
  load(): Promise<ListEntry[]>
}

export interface ListEntry {
  paper: Paper
  /** When the paper entered the list: the day it was featured, or for a search its arXiv date. */
  date: string
}

/** The latest list spans the last week of featured days, so a reader who checks weekly misses nothing. */
export const LATEST_DAYS = 7
export const LATEST_ITEMS = 200
const PERIOD_ITEMS = 100
const TRENDING_ITEMS = 50
const SEARCH_ITEMS = 50
const AUTHOR_ITEMS = 50
const KIND_TITLES: Record<PeriodKind, string> = { day: 'Daily', week: 'Weekly', month: 'Monthly' }

const featuredEntries = (list: FeaturedPaper[]): ListEntry[] =>
  list.map(({ paper, featuring }) => ({ paper, date: `${featuring.featuredOn}T00:00:00.000Z` }))

export function latestList(db: Db, siteName: string, now: number): PaperList {
  return {
    key: LATEST_FEED_BASE,
    path: LATEST_FEED_BASE,
    title: 'Daily Papers',
    description: `The papers featured on ${siteName} over the last ${LATEST_DAYS} days, most upvoted first.`,
    async load() {
      const last = (await latestFeaturedDay(db)) ?? toDay(now)
      const range = { start: addDays(last, 1 - LATEST_DAYS), end: addDays(last, 1) }
      return featuredEntries(await listFeatured(db, { range, sort: 'upvotes', offset: 0, limit: LATEST_ITEMS }))
    },
  }
}

export function periodList(db: Db, kind: PeriodKind, key: string): PaperList {
  const period = parsePeriod(kind, key)
  if (!period) throw badRequest(`“${key}” is not a valid ${kind} (years ${FIRST_YEAR} to ${LAST_YEAR}).`)
  const path = periodPath(kind, period.key)
  return {
    key: path,
    path,
    title: `${KIND_TITLES[kind]} Papers ${period.key}`,
    description: `The papers featured in ${period.key}, most upvoted first.`,
    async load() {
      const range = { start: period.start, end: period.end }
      return featuredEntries(await listFeatured(db, { range, sort: 'upvotes', offset: 0, limit: PERIOD_ITEMS }))
    },
  }
}

export function trendingList(db: Db): PaperList {
  return {
    key: TRENDING_PATH,
    path: TRENDING_PATH,
    title: 'Trending Papers',
    description: 'The papers readers upvote and discuss most, weighted toward the last days.',
    load: async () => featuredEntries(await listFeatured(db, { sort: 'trending', offset: 0, limit: TRENDING_ITEMS })),
  }
}

/**
 * A search's results: for a feed its first results newest first unless it asks otherwise (a category
 * or an author too); for an export (`asPage`) exactly the page of results asked for.
 */
export function searchList(
  db: Db,
  siteName: string,
  asked: Record<string, string>,
  now: number,
  asPage = false,
): PaperList {
  const parsed = parseSearchOptions(asPage ? asked : { sort: 'newest', ...asked })
  const options = asPage ? parsed : { ...parsed, page: 1, perPage: SEARCH_ITEMS }
  const query = parseQuery(options.q)
  if (!asksForSomething(query, options)) throw badRequest('This needs a search: add ?q=… or ?category=….')
  const search = searchParamsOf(options).toString()
  const request = toSearchRequest(options, query, toDay(now))
  const what = [options.q && `“${options.q}”`, options.categories.length > 0 && options.categories.join(', ')]
    .filter(Boolean)
    .join(' in ')
  return {
    // A preset's first day moves with the clock, so it is part of the key.
    key: cacheKey(SEARCH_PATH, { search, from: request.from }),
    path: `${SEARCH_PATH}?${search}`,
    title: `Papers matching ${what}`,
    description: `Papers on ${siteName} matching ${what}.`,
    async load() {
      const found = await searchPapers(db, request)
      return found.hits.map(({ paper }) => ({
        paper,
        date: paper.updatedAt ?? paper.publishedAt ?? new Date(0).toISOString(),
      }))
    },
  }
}

/** The papers printed under an author's name, newest arXiv date first (the author page's list). */
export function authorList(db: Db, siteName: string, rawName: string): PaperList {
  const name = authorName(rawName)
  const path = authorPath(name)
  return {
    key: path,
    path,
    title: `Papers by ${name}`,
    description: `New papers by ${name} on ${siteName}.`,
    async load() {
      const papers = await getPapers(db, await authorPaperIds(db, name, { limit: AUTHOR_ITEMS, offset: 0 }))
      return papers.map((paper) => ({ paper, date: paper.updatedAt ?? paper.publishedAt ?? new Date(0).toISOString() }))
    },
  }
}
