import { z } from 'zod'
import { COLLECTED_TARGET } from '../follows/collected.js'
import { withoutUnstorableChars } from '../platform/text.js'

/**
 * The account file a member downloads from /settings/data and may upload again, here or on another
 * Paperboy: everything they made, never a secret (password hash, sessions, tokens, TOTP secret).
 * The version moves only when a reader of version 1 would misread a file (docs/decisions/0029).
 */
export const ACCOUNT_FORMAT = 'paperboy.account'
export const ACCOUNT_VERSION = 1

export interface ExportedFollow {
  /** `collected`: the setting for alerts about the member's own collected papers (follows/collected.ts). */
  kind: 'author' | 'category' | 'search' | 'collection' | 'collected'
  target: string
  qualifiers: string[]
  label: string
  alert: 'off' | 'instant' | 'daily' | 'weekly'
  alert_email: boolean
  created_at: string
}

export interface ExportedCollection {
  name: string
  description: string
  public: boolean
  created_at: string
  items: { paper_id: string; added_at: string }[]
}

export interface ExportedSubscription {
  email: string
  frequency: 'daily' | 'weekly'
  every_day: boolean
  categories: string[]
  keywords: string[]
  max_papers: number
  paused: boolean
  status: 'pending' | 'active' | 'unsubscribed' | 'bounced'
}

export interface AccountFile {
  format: typeof ACCOUNT_FORMAT
  version: typeof ACCOUNT_VERSION
  exported_at: string
  account: { username: string; display_name: string; email: string; created_at: string }
  profile: { upvotes_public: boolean }
  follows: ExportedFollow[]
  votes: { paper_id: string; voted_at: string }[]
  comments: {
    id: number
    paper_id: string
    parent_id: number | null
    body: string
    created_at: string
    edited_at: string | null
    deleted: boolean
  }[]
  collections: ExportedCollection[]
  submissions: { paper_id: string; submitted_at: string }[]
  subscriptions: ExportedSubscription[]
}

/**
 * Past these, a file is a script filling the database rather than one member's reading. Each vote
 * and collection paper is a write of its own (through the votes and collections features), a few
 * milliseconds each: 10,000 of each keeps an import under a minute on a busy PostgreSQL.
 */
export const MAX_RECORDS = { follows: 1000, votes: 10_000, collections: 200, subscriptions: 10 } as const
/** Papers in all of a file's collections (or an arxiv-sanity library's tags) together. */
export const MAX_COLLECTED_PAPERS = 10_000

/** Control characters (NUL among them, which PostgreSQL refuses) have no place in imported text. */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/

const isStorable = (s: string) => withoutUnstorableChars(s) === s

/** One line of text, at most `max` characters, storable on both databases. */
export const line = (max: number, what: string) =>
  z
    .string({ message: `${what} must be text` })
    .trim()
    .min(1, `${what} is empty`)
    .max(max, `${what} is longer than ${max} characters`)
    .refine((s) => !CONTROL.test(s) && !/[\r\n\t]/.test(s), `${what} has characters that are not text`)
    .refine(isStorable, `${what} has characters that are not text`)

const timestamp = z.iso.datetime({ offset: true, message: 'the date is not an ISO date' })

const CATEGORY = /^[a-z]+(?:-[a-z]+)*(?:\.[A-Za-z]+(?:-[A-Za-z]+)*)?$/

export const followRecord = z
  .object({
    kind: z.enum(['author', 'category', 'search', 'collection', 'collected'], {
      message: 'kind must be author, category, search, collection or collected',
    }),
    target: line(1000, 'target'),
    qualifiers: z.array(line(200, 'a qualifier')).max(50, 'has more than 50 qualifiers').default([]),
    label: line(200, 'label'),
    alert: z.enum(['off', 'instant', 'daily', 'weekly'], { message: 'alert must be off, instant, daily or weekly' }),
    alert_email: z.boolean({ message: 'alert_email must be true or false' }).default(true),
  })
  .refine((f) => f.kind !== 'category' || CATEGORY.test(f.target), {
    message: 'the category is not an arXiv category like cs.LG',
  })
  .refine((f) => f.kind !== 'collection' || /^[1-9]\d{0,9}$/.test(f.target), {
    message: 'a collection follow names a collection by its number',
  })
  .refine((f) => f.kind !== 'collected' || f.target === COLLECTED_TARGET, {
    message: `the collected papers' alert has the target ${COLLECTED_TARGET}`,
  })

export const voteRecord = z.object({ paper_id: line(100, 'paper_id') })

export const collectionRecord = z.object({
  name: line(100, 'name'),
  description: z
    .string({ message: 'description must be text' })
    .max(2000, 'description is longer than 2000 characters')
    .refine((s) => !CONTROL.test(s) && isStorable(s), 'description has characters that are not text')
    .default(''),
  public: z.boolean({ message: 'public must be true or false' }).default(false),
  items: z
    .array(z.object({ paper_id: line(100, 'paper_id'), added_at: timestamp.optional() }), {
      message: 'items must be a list',
    })
    .max(2000, 'has more than 2000 papers'),
})

export const subscriptionRecord = z.object({
  frequency: z.enum(['daily', 'weekly'], { message: 'frequency must be daily or weekly' }),
  every_day: z.boolean().default(false),
  categories: z.array(z.string().regex(CATEGORY, 'a category is not like cs.LG')).max(20).default([]),
  keywords: z
    .array(z.string().regex(/^[\p{L}\p{N}][\p{L}\p{N}'-]{0,39}$/u, 'a keyword is not a word'))
    .max(20)
    .default([]),
  max_papers: z.number().int().min(5).max(50, 'max_papers must be between 5 and 50'),
  paused: z.boolean().default(false),
  status: z.enum(['pending', 'active', 'unsubscribed', 'bounced']),
})

const list = (max: number, what: string) =>
  z
    .array(z.unknown(), { message: `${what} must be a list` })
    .max(max, `${what} has more than ${max} entries`)
    .default([])

/**
 * The file's frame, checked whole before anything is written: a wrong frame (not ours, another
 * version, a section too long) refuses the file; each record is then checked on its own, so that
 * one bad record is reported and skipped while the rest lands.
 */
export const accountFrame = z
  .object({
    format: z.literal(ACCOUNT_FORMAT, { message: `this is not a Paperboy account file (format “${ACCOUNT_FORMAT}”)` }),
    version: z.literal(ACCOUNT_VERSION, { message: `this Paperboy reads version ${ACCOUNT_VERSION} account files` }),
    profile: z.object({ upvotes_public: z.boolean() }).optional(),
    follows: list(MAX_RECORDS.follows, 'follows'),
    votes: list(MAX_RECORDS.votes, 'votes'),
    collections: list(MAX_RECORDS.collections, 'collections'),
    subscriptions: list(MAX_RECORDS.subscriptions, 'subscriptions'),
    comments: z.array(z.unknown(), { message: 'comments must be a list' }).default([]),
    submissions: z.array(z.unknown(), { message: 'submissions must be a list' }).default([]),
  })
  .refine((f) => collectedPapers(f.collections) <= MAX_COLLECTED_PAPERS, {
    message: `the collections hold more than ${MAX_COLLECTED_PAPERS} papers in all`,
    path: ['collections'],
  })
export type AccountFrame = z.infer<typeof accountFrame>

/** How many papers the collections of a file list, before each collection is checked. */
function collectedPapers(collections: unknown[]): number {
  let n = 0
  for (const c of collections) {
    if (typeof c === 'object' && c !== null && 'items' in c && Array.isArray(c.items)) n += c.items.length
  }
  return n
}

/** A record that was not imported, and why: "collection 3: name is empty". */
export interface Skipped {
  what: string
  reason: string
}

/** The first problem of a record, as a sentence part: "name is empty", "items.2.paper_id is empty". */
export function firstProblem(error: z.ZodError): string {
  const issue = error.issues[0]!
  if (issue.path.length === 0 && issue.code === 'invalid_type') return 'it is not a record (a JSON object of fields)'
  const path = issue.path.join('.')
  return path && !issue.message.startsWith(String(issue.path.at(-1))) ? `${path}: ${issue.message}` : issue.message
}
