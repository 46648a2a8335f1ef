import { z } from 'zod'
import { parseArxivId } from '../../papers/arxiv-id.js'
import type { PaperRecord } from '../../papers/model.js'
import {
  arxivCategories,
  collapseWhitespace,
  flawIn,
  isoFromDay,
  isWithdrawn,
  nonEmpty,
  optionalText,
  parseRfc2822,
  withoutUndefined,
  type Problem,
} from './fields.js'

/**
 * One line of arXiv's metadata snapshot (`arxiv-metadata-oai-snapshot.json` on Kaggle): JSON with
 * the keys of the OAI `arXivRaw` format. Missing values are null; titles and abstracts keep arXiv's
 * hard wrapping; `authors` keeps TeX accents, so names come from the decoded `authors_parsed`.
 */
const text = z.string().nullish()
const quoted = (s: string) => JSON.stringify(s)

const rfc2822 = z.string().transform((s, ctx) => {
  const date = parseRfc2822(s)
  if (!date) ctx.addIssue({ code: 'custom', message: `${quoted(s)} is not an RFC 2822 date` })
  return date?.iso ?? ''
})

const day = z
  .string()
  .nullish()
  .transform((s, ctx) => {
    const iso = s == null ? undefined : isoFromDay(s)
    if (s != null && !iso) ctx.addIssue({ code: 'custom', message: `${quoted(s)} is not a day` })
    return iso
  })

export const snapshotLine = z.object({
  id: z.string().refine((s) => parseArxivId(s)?.version === null, 'not an arXiv id'),
  title: z.string(),
  abstract: text,
  comments: text,
  'journal-ref': text,
  doi: text,
  license: text,
  categories: text,
  versions: z.array(z.object({ version: z.string().regex(/^v\d+$/, 'not vN'), created: rfc2822 })).min(1),
  update_date: day,
  // [last, first, suffix] and sometimes a fourth element, the affiliation.
  authors_parsed: z.array(z.array(z.string()).min(1)).nullish(),
})

export type SnapshotLine = z.infer<typeof snapshotLine>

export type SnapshotResult = { record: PaperRecord } | { problem: Problem }

const withId = z.object({ id: z.string() })

/** One snapshot line (`lineNumber` from 1) as a catalog record, or why it cannot be one. */
export function parseSnapshotLine(line: string, lineNumber: number): SnapshotResult {
  let json: unknown
  try {
    json = JSON.parse(line)
  } catch {
    return { problem: { where: `line ${lineNumber}`, reason: 'not JSON' } }
  }
  const parsed = snapshotLine.safeParse(json)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const where = withId.safeParse(json).data?.id ?? `line ${lineNumber}`
    return { problem: { where, reason: `${issue?.path.join('.') || 'line'}: ${issue?.message}` } }
  }
  const record = recordFromSnapshot(parsed.data)
  const flaw = flawIn(record)
  return flaw ? { problem: { where: record.id, reason: flaw } } : { record }
}

function recordFromSnapshot(line: SnapshotLine): PaperRecord {
  const title = collapseWhitespace(line.title)
  const versions = line.versions
    .map((v) => ({ version: Number(v.version.slice(1)), createdAt: v.created }))
    .sort((a, b) => a.version - b.version)
  const latest = versions.at(-1)!
  const abstract = optionalText(line.abstract)
  const comments = optionalText(line.comments)
  return withoutUndefined<PaperRecord>({
    id: line.id,
    title,
    abstract,
    version: latest.version,
    publishedAt: versions.find((v) => v.version === 1)?.createdAt,
    updatedAt: line.update_date,
    authors: nonEmpty(
      (line.authors_parsed ?? [])
        .map(([last = '', first = '', suffix = '']) => collapseWhitespace(fullName(first, last, suffix)))
        .filter(Boolean),
    ),
    categories: arxivCategories((line.categories ?? '').split(' ')),
    comments,
    journalRef: optionalText(line['journal-ref']),
    doi: optionalText(line.doi),
    license: optionalText(line.license),
    withdrawn: isWithdrawn(comments, abstract) || undefined,
    versions: versions.map((v) => (v === latest ? { ...v, title } : v)),
  })
}

// `First Last Suffix` without the spaces around a missing part: nearly every name lacks a suffix,
// and a trailing space would send each one through collapseWhitespace's rewrite.
function fullName(first: string, last: string, suffix: string): string {
  const name = first ? `${first} ${last}` : last
  return suffix ? `${name} ${suffix}` : name
}
