import { z } from 'zod'
import { badRequest } from '../platform/http/http-error.js'
import { PAGE_SIZE, parseSearchOptions, searchParamsOf } from '../search/request.js'
import { COLLECTED_TARGET } from './collected.js'
import type { FollowKind } from './schema.js'
import { authorName, MAX_NAME_LENGTH, NOT_TEXT } from '../authors/name.js'

/**
 * What a follow form may name, checked and put in its one canonical form (pure: the store keeps
 * what comes out of here). Bad input is a 400 that says what is wrong.
 */

/** Co-authors and categories a reader can tick to tell an author from namesakes. */
export const MAX_QUALIFIERS = 20

export const FOLLOW_KINDS = ['author', 'category', 'search', 'collection'] as const satisfies FollowKind[]

// An arXiv category or archive: cs.LG, hep-th, cond-mat.stat-mech, cs.
export const CATEGORY = /^[a-z]+(?:-[a-z]+)*(?:\.[A-Za-z]+(?:-[A-Za-z]+)*)?$/i

/**
 * A category as a follow keeps it: lowercased, as the search index stores categories (a query's
 * `cat:` comes lowercased), so `cs.LG` from a page and `cat:cs.lg` from a search are one follow.
 * Papers match it whatever their case.
 */
export function category(raw: string): string {
  const c = raw.trim()
  if (c.length > 40 || !CATEGORY.test(c)) {
    throw badRequest('That is not an arXiv category; they look like cs.LG or hep-th.')
  }
  return c.toLowerCase()
}

/** A follow form's target in its canonical form: what the store keeps and looks up. */
export function canonicalTarget(kind: FollowKind, raw: string): string {
  switch (kind) {
    case 'author':
      return authorName(raw)
    case 'category':
      return category(raw)
    case 'search':
      return canonicalSearch(raw)
    case 'collection':
      return String(collectionId(raw))
    case 'collected':
      return COLLECTED_TARGET
  }
}

/**
 * A search as a follow keeps it: its own parameters (words and filters) in the search page's
 * order, without page, order or page size, so one search is one follow however it was reached.
 */
export function canonicalSearch(raw: string): string {
  if (raw.length > 2000) throw badRequest('That search is too long to follow.')
  const options = parseSearchOptions(Object.fromEntries(new URLSearchParams(raw)))
  if (!options.q && options.categories.length === 0) {
    throw badRequest('Follow a search with words or a category; an empty search matches every paper.')
  }
  const params = searchParamsOf(options, { page: 1, perPage: PAGE_SIZE, sort: 'relevance' })
  if (!params.get('q')) params.delete('q')
  return params.toString()
}

/** A search target as a reader reads it: its words, then its categories. */
export function searchLabel(target: string): string {
  const params = new URLSearchParams(target)
  return [params.get('q') && `“${params.get('q')}”`, params.get('category')].filter(Boolean).join(' in ')
}

export function collectionId(raw: string): number {
  if (!/^\d{1,9}$/.test(raw.trim())) throw badRequest('That is not a collection.')
  return Number(raw.trim())
}

const qualifier = z
  .string()
  .max(MAX_NAME_LENGTH, `a co-author or category is at most ${MAX_NAME_LENGTH} characters`)
  .refine((s) => !NOT_TEXT.test(s), 'a co-author or category cannot hold control characters')
  .transform((s) => s.replace(/\s+/g, ' ').trim())

/**
 * The co-authors and categories ticked on an author's Follow form (fields `with_1`, `with_2`, …;
 * forms here carry each field once). A paper under the name matches when it shares one of them.
 */
export function qualifiersFrom(form: Record<string, string>): string[] {
  return checkQualifiers(
    Object.entries(form)
      .filter(([name]) => /^with_\d{1,3}$/.test(name))
      .map(([, value]) => value),
  )
}

/** Co-authors and categories that narrow an author follow, checked (a form's ticks, an API body's list). */
export function checkQualifiers(values: unknown[]): string[] {
  if (values.length > MAX_QUALIFIERS) throw badRequest(`Tick at most ${MAX_QUALIFIERS} co-authors and categories.`)
  const parsed = z.array(qualifier).safeParse(values)
  if (!parsed.success) throw badRequest(`The co-authors and categories: ${parsed.error.issues[0]!.message}.`)
  return [...new Set(parsed.data.filter(Boolean))]
}

/** The stored qualifiers (a JSON array of names and categories); anything else reads as none. */
export function readQualifiers(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json)
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []
  } catch {
    return []
  }
}
