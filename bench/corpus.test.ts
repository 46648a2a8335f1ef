import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateCorpus, type CorpusSummary } from './corpus.js'

const N = 5_000
const SNAPSHOT_SAMPLE = new URL(
  '../../shared/data/arxiv-snapshot/arxiv-metadata-oai-snapshot_head-200_2025-10.jsonl',
  import.meta.url,
)
const LISTINGS = new URL('../../shared/data/arxiv-listings/papers.jsonl.gz', import.meta.url)
/** Medians may drift this far from the real corpus: the generator samples, it doesn't copy. */
const MEDIAN_TOLERANCE = 0.2
/** The comment share may drift by this much (percentage points) at N = 5,000. */
const SHARE_TOLERANCE = 0.03
const RFC_2822 = /^\w{3}, \d{1,2} \w{3} \d{4} \d\d:\d\d:\d\d GMT$/

interface Record {
  id: string
  title: string
  authors: string
  abstract: string
  comments: string | null
  versions: { version: string; created: string }[]
  update_date: string
  authors_parsed: string[][]
}

let dir: string
let summary: CorpusSummary
let plain: Buffer
let records: Record[]

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'corpus-'))
  summary = await generateCorpus({ n: N, seed: 1, out: join(dir, 'a.jsonl') })
  plain = await readFile(join(dir, 'a.jsonl'))
  records = plain
    .toString('utf8')
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as Record)
})

afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('generateCorpus', () => {
  it('writes exactly n lines and reports their size', () => {
    expect(records).toHaveLength(N)
    expect(summary).toMatchObject({ n: N, bytes: plain.length })
    expect(plain.at(-1)).toBe(0x0a)
  })

  it('writes the same bytes for the same seed, and other bytes for another seed', async () => {
    await generateCorpus({ n: N, seed: 1, out: join(dir, 'again.jsonl') })
    await generateCorpus({ n: N, seed: 2, out: join(dir, 'other.jsonl') })
    expect((await readFile(join(dir, 'again.jsonl'))).equals(plain)).toBe(true)
    expect((await readFile(join(dir, 'other.jsonl'))).equals(plain)).toBe(false)
  })

  it('gzips a .gz output to the same content', async () => {
    const gzipped = await generateCorpus({ n: N, seed: 1, out: join(dir, 'a.jsonl.gz') })
    const compressed = await readFile(join(dir, 'a.jsonl.gz'))
    expect(gzipped.bytes).toBe(compressed.length)
    expect(gunzipSync(compressed).equals(plain)).toBe(true)
  })
})

describe('generated snapshot lines', () => {
  it('have exactly the keys of a real snapshot line, in order', async () => {
    const sample = (await readFile(SNAPSHOT_SAMPLE, 'utf8')).split('\n')[0]!
    const keys = Object.keys(JSON.parse(sample) as object)
    const lines = plain.toString('utf8').trimEnd().split('\n')
    const keySets = new Set(lines.map((line) => Object.keys(JSON.parse(line) as object).join()))
    expect([...keySets]).toEqual([keys.join()])
  })

  it('have unique new-style ids in ascending order', () => {
    const ids = records.map((record) => record.id)
    expect(ids.filter((id) => !/^\d{4}\.\d{4,5}$/.test(id))).toEqual([])
    expect(ids[0]).toBe('0704.0001')
    expect(ids.filter((id, i) => i > 0 && compareIds(ids[i - 1]!, id) >= 0)).toEqual([])
  })

  it('date versions in order, with update_date the day of the last one', () => {
    const wrong = records.filter(({ versions, update_date }) => {
      const times = versions.map((v) => Date.parse(v.created))
      return (
        versions.some((v, i) => v.version !== `v${i + 1}` || !RFC_2822.test(v.created)) ||
        times.some((time, i) => i > 0 && time <= times[i - 1]!) ||
        new Date(times.at(-1)!).toISOString().slice(0, 10) !== update_date
      )
    })
    expect(wrong).toEqual([])
  })

  it('hard-wrap titles and abstracts within 79 columns as arXiv does', () => {
    const wrong = records.filter(({ title, abstract }) => {
      const [first, ...rest] = title.split('\n')
      return (
        !abstract.startsWith('  ') ||
        !abstract.endsWith('\n') ||
        !abstract.slice(0, -1).split('\n').every(fitsOrIsOneWord) ||
        !fitsOrIsOneWord(`Title: ${first}`) ||
        !rest.every((line) => line.startsWith('  ') && fitsOrIsOneWord(line))
      )
    })
    expect(wrong).toEqual([])
  })

  it('list authors as "A, B and C" with one authors_parsed entry each', () => {
    const wrong = records.filter(({ authors, authors_parsed }) => {
      const names = authors.replace(/\n {2}/g, ' ').split(/, | and /)
      return authors_parsed.length !== names.length || authors_parsed.some((p) => p.length !== 3)
    })
    expect(wrong).toEqual([])
  })
})

describe('generated distributions', () => {
  let real: { authors: number[]; words: number[]; titleWords: number[]; commentShare: number }

  beforeAll(async () => {
    const listings = gunzipSync(await readFile(LISTINGS))
      .toString('utf8')
      .trimEnd()
      .split('\n')
      .map(
        (line) =>
          JSON.parse(line) as {
            title: string
            abstract: string
            authors: string[]
            comments?: string
          },
      )
    real = {
      authors: listings.map((paper) => paper.authors.length),
      words: listings.map((paper) => countWords(paper.abstract)),
      titleWords: listings.map((paper) => countWords(paper.title)),
      commentShare: listings.filter((paper) => paper.comments !== undefined).length / listings.length,
    }
  })

  it('keep the median author count, abstract and title length of the real listings', () => {
    const near = (generated: number[], measured: number[]) =>
      expect(Math.abs(median(generated) / median(measured) - 1)).toBeLessThanOrEqual(MEDIAN_TOLERANCE)
    near(
      records.map((record) => record.authors_parsed.length),
      real.authors,
    )
    near(
      records.map((record) => countWords(record.abstract)),
      real.words,
    )
    near(
      records.map((record) => countWords(record.title)),
      real.titleWords,
    )
  })

  it('keep the share of papers with comments', () => {
    const share = records.filter((record) => record.comments !== null).length / records.length
    expect(Math.abs(share - real.commentShare)).toBeLessThanOrEqual(SHARE_TOLERANCE)
  })

  it('reuse author names, so prolific authors exist', () => {
    const papers = new Map<string, number>()
    for (const record of records) {
      for (const [last, first] of record.authors_parsed) {
        const key = `${first} ${last}`
        papers.set(key, (papers.get(key) ?? 0) + 1)
      }
    }
    expect(Math.max(...papers.values())).toBeGreaterThanOrEqual(5)
  })
})

function compareIds(a: string, b: string): number {
  const [aMonth, aNumber] = a.split('.').map(Number) as [number, number]
  const [bMonth, bNumber] = b.split('.').map(Number) as [number, number]
  return aMonth - bMonth || aNumber - bNumber
}

function fitsOrIsOneWord(line: string): boolean {
  return line.length <= 79 || !line.trim().includes(' ')
}

function countWords(text: string): number {
  return text.trim().split(/\s+/).length
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]!
}
