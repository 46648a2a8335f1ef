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
import { createHash } from 'node:crypto'
import { categoryLatestDay, parseCategoryCode, parseCategoryDay } from '../categories/category.js'
import { categoryPath } from '../categories/paths.js'
import { announcedAt } from '../categories/sections.js'
import { categoryName } from '../categories/taxonomy.js'
import { findUserByName } from '../community/accounts/store.js'
import { readableCollection } from '../community/collections/access.js'
import { collectionIdOf } from '../community/collections/slug.js'
import { collectionItems } from '../community/collections/store.js'
import { collectionPath } from '../community/collections/views.js'
import { profilePath } from '../community/profiles/paths.js'
import { latestSubmissions } from '../community/submissions/store.js'
import { categoryDayPapers, categoryPapersBetween } from '../papers/category-store.js'
import { getPapers } from '../papers/store.js'
import { notFound } from '../platform/http/http-error.js'
import { LATEST_FEED_BASE } from './links.js'

/**
 * The lists a reader can follow (feeds) or take away (exports): what each is called, where its page
 * is, and its papers with the day each entered it. Checking the address happens at once (a 400 for a
 * bad one); the papers are read only when a cached copy will not do (`load`).
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
const LATEST_DAYS = 7
const LATEST_ITEMS = 200
const PERIOD_ITEMS = 100
const TRENDING_ITEMS = 50
const SEARCH_ITEMS = 50
/** A category's busiest days announce about a thousand papers (cs.LG); a day is listed whole. */
export const CATEGORY_DAY_ITEMS = 2000
const COLLECTION_ITEMS = 100
const SUBMISSION_ITEMS = 100
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

const categoryTitle = (code: string) => {
  const name = categoryName(code)
  return name ? `${code} (${name})` : code
}

/**
 * A category's feed: its announcements over the last LATEST_DAYS days it has any, newest first, a
 * replaced paper under its latest version's date (one item per paper, whatever its version).
 */
export function categoryFeedList(db: Db, rawCode: string): PaperList {
  const code = parseCategoryCode(rawCode)
  const path = categoryPath(code)
  return {
    key: path,
    path,
    title: `${categoryTitle(code)}: new on arXiv`,
    description: `New submissions, cross-lists and replacements in ${categoryTitle(code)}, newest first.`,
    async load() {
      const last = await categoryLatestDay(db, code)
      if (!last) return []
      const range = { start: addDays(last, 1 - LATEST_DAYS), end: addDays(last, 1) }
      const papers = await categoryPapersBetween(db, code, range, LATEST_ITEMS)
      return papers
        .map((paper) => ({ paper, date: announcedAt(paper) ?? `${last}T00:00:00.000Z` }))
        .sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0))
        .slice(0, LATEST_ITEMS)
    },
  }
}

/** A category's day (its latest when `rawDay` is absent), for an export: every paper announced on it. */
export function categoryDayList(db: Db, rawCode: string, rawDay?: string): PaperList {
  const code = parseCategoryCode(rawCode)
  const day = rawDay === undefined ? undefined : parseCategoryDay(rawDay)
  const path = categoryPath(code, day)
  return {
    key: path,
    path,
    title: `${categoryTitle(code)}${day ? ` on ${day}` : ''}`,
    description: `The papers announced in ${categoryTitle(code)}${day ? ` on ${day}` : ' on its latest day'}.`,
    async load() {
      const latest = await categoryLatestDay(db, code)
      const shown = day ?? latest
      if (!shown) return []
      const papers = await categoryDayPapers(db, code, shown, CATEGORY_DAY_ITEMS)
      return papers.map((paper) => ({ paper, date: announcedAt(paper) ?? `${shown}T00:00:00.000Z` }))
    },
  }
}

/** A fingerprint of what a list holds, for its cache key: a list the catalog version does not track. */
const fingerprint = (parts: string[]) => createHash('sha256').update(parts.join('\n')).digest('base64url').slice(0, 22)

/** A public collection, most recently added first; a private or unknown one is a 404 for everyone. */
export async function collectionList(db: Db, username: string, slug: string): Promise<PaperList> {
  const owner = username.length <= 100 ? await findUserByName(db, username) : null
  if (!owner) throw notFound(`There is no member called “${username.slice(0, 100)}”.`)
  // A feed is read by a feed reader, never signed in: only a public collection has one.
  const collection = await readableCollection(db, collectionIdOf(slug), null)
  if (collection.userId !== owner.id) throw notFound('There is no such collection, or it is private.')
  const path = collectionPath(owner.username, collection)
  const items = await collectionItems(db, collection.id, COLLECTION_ITEMS)
  const by = owner.displayName || owner.username
  return {
    key: cacheKey(path, {
      items: fingerprint([
        by,
        collection.name,
        collection.description,
        ...items.map((i) => `${i.paperId} ${i.addedAt}`),
      ]),
    }),
    path,
    title: `${collection.name}, a collection by ${by}`,
    description: collection.description || `Papers ${by} collected in “${collection.name}”, most recently added first.`,
    async load() {
      const added = new Map(items.map((i) => [i.paperId, i.addedAt]))
      const papers = await getPapers(db, [...added.keys()])
      return papers.map((paper) => ({ paper, date: added.get(paper.id)! }))
    },
  }
}

/** The papers a member submitted, newest first. */
export async function submissionsList(db: Db, username: string): Promise<PaperList> {
  const user = username.length <= 100 ? await findUserByName(db, username) : null
  if (!user) throw notFound(`There is no member called “${username.slice(0, 100)}”.`)
  const path = profilePath(user.username)
  const items = await latestSubmissions(db, user.id, SUBMISSION_ITEMS)
  const by = user.displayName || user.username
  return {
    key: cacheKey(path, { items: fingerprint([by, ...items.map((i) => `${i.paperId} ${i.submittedAt}`)]) }),
    path,
    title: `Papers submitted by ${by}`,
    description: `The papers ${by} submitted, newest first.`,
    async load() {
      const submitted = new Map(items.map((i) => [i.paperId, i.submittedAt]))
      const papers = await getPapers(db, [...submitted.keys()], { listed: true })
      return papers.map((paper) => ({ paper, date: submitted.get(paper.id)! }))
    },
  }
}
