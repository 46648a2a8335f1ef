import { parseArxivId } from '../arxiv-id.js'
import type { Organization, PaperRecord, Submitter } from '../model.js'

/**
 * Hugging Face's daily-papers items (`GET /api/daily_papers`), as recorded in
 * ../shared/data/hf-daily-papers, read into catalog records. Only what Paperboy keeps is checked;
 * unknown keys are ignored so a new field on Hugging Face's side never breaks an import.
 *
 * Read by hand rather than through a zod schema: an import reads every item of hundreds of files in
 * its parsing thread, and the schema's copy of each item cost that thread a seventh of its time, and
 * zod a third of the thread's start (docs/decisions/0007-ingest.md, "The Hugging Face import").
 */
export type HfItemReading = { record: PaperRecord } | { problem: string }

/** One daily item as a catalog record, featured on its Hugging Face day at `position`; or why not. */
export function readHfItem(raw: unknown, position: number): HfItemReading {
  try {
    return { record: recordOf(raw, position) }
  } catch (error) {
    if (error instanceof Unreadable) return { problem: error.message }
    throw error
  }
}

/** An item's first flaw, named by the path of the value that has it (`paper.upvotes: …`). */
class Unreadable extends Error {}

function fail(path: string, message: string): never {
  throw new Unreadable(`${path}: ${message}`)
}

type Json = Record<string, unknown>

function recordOf(raw: unknown, position: number): PaperRecord {
  const item = object(raw, 'item')
  const p = object(item.paper, 'paper')
  const id = text(p.id, 'paper.id')
  const arxiv = parseArxivId(id)
  if (arxiv?.version !== null) fail('paper.id', 'not an arXiv id')
  const title = text(p.title, 'paper.title').trim()
  if (title === '') fail('paper.title', 'empty title')
  const abstract = p.summary === undefined ? '' : text(p.summary, 'paper.summary')
  const authors = authorNames(p.authors)
  const publishedAt = timestamp(p.publishedAt, 'paper.publishedAt')
  const submittedAt = timestamp(p.submittedOnDailyAt, 'paper.submittedOnDailyAt')
  const paperSubmitter = submitter(p.submittedOnDailyBy, 'paper.submittedOnDailyBy')
  const upvotes = count(p.upvotes, 'paper.upvotes')
  const aiSummary = optionalText(p.ai_summary, 'paper.ai_summary')
  const aiKeywords = p.ai_keywords === undefined ? undefined : texts(p.ai_keywords, 'paper.ai_keywords')
  const githubRepo = webUrl(p.githubRepo, 'paper.githubRepo')
  const githubStars = p.githubStars === undefined ? undefined : count(p.githubStars, 'paper.githubStars')
  const projectPage = webUrl(p.projectPage, 'paper.projectPage')
  const paperOrganization = organization(p.organization, 'paper.organization')
  const withdrawnAt = optionalText(p.withdrawnAt, 'paper.withdrawnAt')
  const thumbnail = webUrl(item.thumbnail, 'thumbnail')
  const numComments = item.numComments === undefined ? 0 : count(item.numComments, 'numComments')
  const by = submitter(item.submittedBy, 'submittedBy') ?? paperSubmitter
  const org = organization(item.organization, 'organization') ?? paperOrganization

  // Only known values become keys: a record's "not known here" is an absent key (model.ts).
  const record: PaperRecord = { id: arxiv!.id, title, abstract, publishedAt, authors }
  if (githubRepo !== undefined) record.githubRepo = githubRepo
  if (projectPage !== undefined) record.projectPage = projectPage
  if (aiSummary !== undefined) record.aiSummary = aiSummary
  if (aiKeywords !== undefined) record.aiKeywords = aiKeywords
  if (thumbnail !== undefined) record.thumbnail = thumbnail
  if (org !== undefined) record.organization = org
  if (withdrawnAt) record.withdrawn = true
  record.counts =
    githubStars === undefined ? { upvotes, numComments } : { upvotes, numComments, githubStars: githubStars }
  // A file shows the paper as it stood on its featured day, so a later day's file is newer.
  record.observedAt = submittedAt
  record.featuring = {
    featuredOn: submittedAt.slice(0, 10),
    source: 'hf',
    position,
    submittedBy: by ?? null,
    submittedAt,
  }
  return record
}

function object(value: unknown, path: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(path, 'expected an object')
  return value as Json
}

function text(value: unknown, path: string): string {
  if (typeof value !== 'string') fail(path, 'expected a string')
  return value
}

function optionalText(value: unknown, path: string): string | undefined {
  return value === undefined ? undefined : text(value, path)
}

function texts(value: unknown, path: string): string[] {
  if (!Array.isArray(value)) fail(path, 'expected a list')
  for (let i = 0; i < value.length; i++) text(value[i], `${path}.${i}`)
  return value as string[]
}

function count(value: unknown, path: string): number {
  if (!Number.isSafeInteger(value) || (value as number) < 0) fail(path, 'expected a whole number, 0 or more')
  return value as number
}

function optionalBoolean(value: unknown, path: string): boolean | undefined {
  if (value !== undefined && typeof value !== 'boolean') fail(path, 'expected true or false')
  return value as boolean | undefined
}

/** The names of the authors Hugging Face shows (not hidden), trimmed; empty names dropped. */
function authorNames(value: unknown): string[] {
  if (!Array.isArray(value)) fail('paper.authors', 'expected a list')
  const names: string[] = []
  for (let i = 0; i < value.length; i++) {
    const author = object(value[i], `paper.authors.${i}`)
    const name = text(author.name, `paper.authors.${i}.name`)
    if (optionalBoolean(author.hidden, `paper.authors.${i}.hidden`)) continue
    const trimmed = name.trim()
    if (trimmed !== '') names.push(trimmed)
  }
  return names
}

// RFC 3339's date-time with seconds and a zone, on a day the calendar has (as zod's iso.datetime
// with offsets checks it: leap years by the Gregorian rule).
const DATE_TIME = new RegExp(
  '^(?:(?:\\d\\d[2468][048]|\\d\\d[13579][26]|\\d\\d0[48]|[02468][048]00|[13579][26]00)-02-29' +
    '|\\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\\d|30)|02-(?:0[1-9]|1\\d|2[0-8])))' +
    'T(?:[01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d(?:\\.\\d+)?(?:Z|[+-](?:[01]\\d|2[0-3]):[0-5]\\d)$',
)

/** A date and time with its zone, as an ISO string in UTC. */
function timestamp(value: unknown, path: string): string {
  if (typeof value !== 'string' || !DATE_TIME.test(value))
    fail(path, 'expected a date and time with its zone (2025-03-17T12:00:00.000Z)')
  return new Date(value).toISOString()
}

/**
 * Links from outside data end up in href attributes: anything but http(s) is dropped, not kept.
 * Line breaks and tabs are removed first, as the URL standard does: some recorded GitHub links are
 * broken over two lines, and they work on Hugging Face.
 */
function webUrl(value: unknown, path: string): string | undefined {
  if (value === undefined) return undefined
  const url = text(value, path)
    .replace(/[\t\n\r]/g, '')
    .trim()
  return /^https?:\/\/[^\s]+$/i.test(url) ? url : undefined
}

function organization(value: unknown, path: string): Organization | undefined {
  if (value === undefined) return undefined
  const o = object(value, path)
  const name = text(o.name, `${path}.name`)
  if (name === '') fail(`${path}.name`, 'empty name')
  const org: Organization = { name }
  const fullname = optionalText(o.fullname, `${path}.fullname`)
  const avatar = webUrl(o.avatar, `${path}.avatar`)
  const _id = optionalText(o._id, `${path}._id`)
  if (fullname !== undefined) org.fullname = fullname
  if (avatar !== undefined) org.avatar = avatar
  if (_id !== undefined) org._id = _id
  return org
}

/** Who put the paper on the day's list; undefined when the item names nobody. */
function submitter(value: unknown, path: string): Submitter | undefined {
  if (value === undefined) return undefined
  const s = object(value, path)
  const name = optionalText(s.name, `${path}.name`)
  const user = optionalText(s.user, `${path}.user`)
  if (name === '') fail(`${path}.name`, 'empty name')
  if (user === '') fail(`${path}.user`, 'empty name')
  const fullname = optionalText(s.fullname, `${path}.fullname`)
  const avatarUrl = webUrl(s.avatarUrl, `${path}.avatarUrl`)
  const _id = optionalText(s._id, `${path}._id`)
  const type = optionalText(s.type, `${path}.type`)
  const isPro = optionalBoolean(s.isPro, `${path}.isPro`)
  const username = name ?? user
  if (username === undefined) return undefined
  const submitter: Submitter = { name: username }
  if (fullname !== undefined) submitter.fullname = fullname
  if (avatarUrl !== undefined) submitter.avatarUrl = avatarUrl
  if (_id !== undefined) submitter._id = _id
  if (type !== undefined) submitter.type = type
  if (isPro !== undefined) submitter.isPro = isPro
  return submitter
}
