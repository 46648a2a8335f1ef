import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { HF_DAILY_DIR } from '../../../test/support/env.js'
import { hfRecord } from '../../../test/support/recorded.js'
import { toDailyItem, toFlatPaper } from './shape.js'
import { mergePaper } from '../merge.js'
import type { FeaturedPaper, Paper } from '../model.js'
import { type PaperRow, toPaper } from '../rows.js'
import { aPaper } from '../../../test/support/paper.js'

/**
 * Every recorded Hugging Face item, imported and served back, must read the same to Hugging
 * Face's clients for the fields Paperboy keeps. Pure: the record goes through the same merge and
 * row mapping that the store uses, without a database.
 */
type Json = Record<string, any>

const OPTIONAL = ['ai_summary', 'ai_keywords', 'githubRepo', 'githubStars', 'projectPage'] as const
const LINKS = new Set(['githubRepo', 'projectPage'])

interface Recorded {
  file: string
  item: Json
  /** The item as Paperboy stores it. */
  stored: FeaturedPaper
}

const recorded: Recorded[] = readdirSync(HF_DAILY_DIR)
  .filter((name) => name.endsWith('.json'))
  .sort()
  .flatMap((file) =>
    (JSON.parse(readFileSync(join(HF_DAILY_DIR, file), 'utf8')) as Json[]).map((item) => ({ file, item })),
  )
  .map(({ file, item }, i) => ({ file, item, stored: imported(item, i) }))

function imported(item: Json, position: number): FeaturedPaper {
  const record = hfRecord(item, position)
  const values = mergePaper(undefined, record, record.featuring!.submittedAt, '2026-11-27T00:00:00.000Z')!
  // The row as the database hands it back: the values just written.
  const paper = toPaper(
    values as PaperRow,
    (record.authors ?? []).map((name) => ({ name, hidden: false })),
  )
  return { paper, featuring: record.featuring! }
}

/** What Hugging Face's client reads from a daily item, for the fields Paperboy keeps. */
function keptFields(item: Json, optionalFrom: Json = item.paper): Json {
  const p = item.paper
  const kept: Json = {
    id: p.id,
    title: p.title,
    summary: p.summary,
    upvotes: p.upvotes,
    publishedAt: p.publishedAt,
    submittedOnDailyAt: p.submittedOnDailyAt,
    authors: p.authors.filter((a: Json) => !a.hidden).map((a: Json) => a.name),
    numComments: item.numComments,
    thumbnail: item.thumbnail,
    submittedBy: item.submittedBy?.name,
  }
  for (const key of OPTIONAL) {
    if (key in optionalFrom) kept[key] = LINKS.has(key) ? asBrowserReadsIt(optionalFrom[key]) : optionalFrom[key]
  }
  return kept
}

/**
 * A link as a browser follows it: the URL standard drops leading and trailing spaces and every tab
 * or line break (https://url.spec.whatwg.org/#concept-basic-url-parser). Two recorded GitHub
 * links are broken over two lines and two project pages start with a space.
 */
function asBrowserReadsIt(url: string): string {
  return url.replace(/[\t\n\r]/g, '').trim()
}

/** One line per field that differs, or is present on one side only. */
function differences(file: string, expected: Json, got: Json): string[] {
  const keys = new Set([...Object.keys(expected), ...Object.keys(got)])
  return [...keys]
    .filter((k) => k in expected !== k in got || JSON.stringify(expected[k]) !== JSON.stringify(got[k]))
    .map((k) => `${file} ${expected.id} ${k}: expected ${JSON.stringify(expected[k])}, got ${JSON.stringify(got[k])}`)
}

function nullPaths(value: unknown, path = ''): string[] {
  if (value === null || value === undefined) return [path]
  if (typeof value !== 'object') return []
  return Object.entries(value).flatMap(([k, v]) => nullPaths(v, `${path}.${k}`))
}

describe('daily items served back in Hugging Face’s shape', () => {
  it('reads every recorded file', () => {
    expect(recorded).toHaveLength(7149) // the count in ../shared/data/hf-daily-papers/README.md
  })

  it('keeps the fields of every recorded item, the optional ones under paper and at the top level', () => {
    const mismatches: string[] = []
    recorded.forEach(({ file, item, stored }) => {
      const served = toDailyItem(stored)
      const expected = keptFields(item)
      for (const got of [keptFields(served), keptFields(served, served)]) {
        mismatches.push(...differences(file, expected, got))
      }
    })
    expect(mismatches).toEqual([])
  })

  it('never writes null or undefined: an absent value is an absent key', () => {
    const found = recorded.flatMap(({ file, item, stored }) => {
      return [...nullPaths(toDailyItem(stored)), ...nullPaths(toFlatPaper(stored.paper, [stored.featuring]))].map(
        (path) => `${file} ${item.paper.id} ${path}`,
      )
    })
    expect(found).toEqual([])
  })

  it('leaves out every optional key of a paper that has none', () => {
    const item = toDailyItem({
      paper: barePaper,
      featuring: {
        featuredOn: '2026-08-21',
        source: 'demo',
        position: 0,
        submittedBy: null,
        submittedAt: '2026-08-21T08:00:00.000Z',
      },
    })
    expect(nullPaths(item)).toEqual([])
    expect(Object.keys(item).sort()).toEqual([
      'isAuthorParticipating',
      'numComments',
      'paper',
      'publishedAt',
      'summary',
      'title',
    ])
    expect(Object.keys(item.paper as Json).sort()).toEqual([
      'authors',
      'id',
      'submittedOnDailyAt',
      'summary',
      'title',
      'upvotes',
    ])
    const flat = toFlatPaper(barePaper)
    expect(nullPaths(flat)).toEqual([])
    expect(Object.keys(flat).sort()).toEqual(['authors', 'id', 'numComments', 'summary', 'title', 'upvotes'])
  })
})

describe('the flat paper of /api/papers/{id}', () => {
  it('has a recorded item’s paper fields at the top level, and no nested paper', () => {
    const mismatches: string[] = []
    recorded.forEach(({ file, item, stored: { paper, featuring } }) => {
      const flat = toFlatPaper(paper, [featuring])
      expect(flat).not.toHaveProperty('paper')
      const got = keptFields(
        { paper: flat, numComments: flat.numComments, thumbnail: flat.thumbnail, submittedBy: flat.submittedOnDailyBy },
        flat,
      )
      mismatches.push(...differences(file, keptFields(item), got))
    })
    expect(mismatches).toEqual([])
  })

  it('gives the latest featuring’s day and submitter', () => {
    const day = (d: string, name: string) => ({
      featuredOn: d,
      source: 'hf' as const,
      position: 0,
      submittedBy: { name },
      submittedAt: `${d}T08:00:00.000Z`,
    })
    const flat = toFlatPaper(barePaper, [day('2026-08-21', 'later'), day('2026-08-20', 'earlier')])
    expect(flat.submittedOnDailyAt).toBe('2026-08-21T08:00:00.000Z')
    expect(flat.submittedOnDailyBy).toMatchObject({ name: 'later', user: 'later' })
  })
})

const barePaper: Paper = aPaper({ id: 'local-a-bare-paper', title: 'A Bare Paper' })

describe('the site’s members in Hugging Face’s shapes', () => {
  const member = {
    _id: '00000000000000000000002a',
    name: 'ada_l',
    fullname: 'Ada L.',
    avatarUrl: 'https://p.org/avatars/ada_l.svg',
  }
  const { stored, item } = recorded.find((r) => r.stored.paper.authors.length >= 2)!

  it('gives a claimed author the user as the recorded claimed authors carry it', () => {
    const recordedClaim = recorded.flatMap((r) => r.item.paper.authors).find((a: Json) => a.user)
    const people = {
      authors: new Map([[stored.paper.id, new Map([[1, { user: member, claimedAt: '2026-12-01T09:00:00.000Z' }]])]]),
    }
    const authors = (toDailyItem(stored, people).paper as Json).authors
    expect(Object.keys(authors[1]).sort()).toEqual(
      Object.keys(recordedClaim)
        .filter((k) => k !== '_id')
        .sort(),
    )
    expect(Object.keys(authors[1].user).sort()).toEqual(Object.keys(recordedClaim.user).sort())
    expect(authors[1].user).toMatchObject({ user: 'ada_l', fullname: 'Ada L.', type: 'user' })
    expect(authors[0]).toEqual({ name: item.paper.authors.filter((a: Json) => !a.hidden)[0].name, hidden: false })
  })

  it('names a local submitter as the member is now, and leaves a Hugging Face submitter as recorded', () => {
    const local = {
      ...stored,
      featuring: { ...stored.featuring, source: 'community' as const, submittedBy: { name: 'ADA_L' } },
    }
    const people = { submitters: new Map([['ada_l', member]]) }
    expect(toDailyItem(local, people).submittedBy).toEqual({ ...member, type: 'user', isPro: false })
    expect(toDailyItem(local).submittedBy).toEqual({ fullname: 'ADA_L', name: 'ADA_L', type: 'user', isPro: false })
    expect(toDailyItem(stored, people).submittedBy).toEqual(toDailyItem(stored).submittedBy)
  })
})
