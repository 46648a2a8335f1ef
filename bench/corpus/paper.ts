// One generated paper, assembled from real pieces and written as a snapshot record.
import { formatAuthors, type Author, type AuthorPool } from './authors.js'
import { drawVersions, type Submission } from './calendar.js'
import type { Listings } from './listings.js'
import { createRandom, hashInt, pick, pickIndex, pickWeighted, type Random } from './random.js'
import { spliceTitles } from './text.js'
import { wrapAbstract, wrapField } from './wrap.js'

/** One line of arXiv's Kaggle metadata snapshot, keys in the snapshot's order. */
export interface SnapshotRecord {
  id: string
  submitter: string
  authors: string
  title: string
  comments: string | null
  'journal-ref': string | null
  doi: string | null
  'report-no': string | null
  categories: string
  license: string | null
  abstract: string
  versions: { version: string; created: string }[]
  update_date: string
  authors_parsed: [string, string, string][]
}

/**
 * arXiv's licences with rough shares of their use (approximate); null where the snapshot records
 * none, as for most papers before 2008.
 */
const LICENSES: readonly (readonly [string | null, number])[] = [
  ['http://arxiv.org/licenses/nonexclusive-distrib/1.0/', 62],
  ['http://creativecommons.org/licenses/by/4.0/', 17],
  [null, 10],
  ['http://creativecommons.org/licenses/by-nc-nd/4.0/', 4],
  ['http://creativecommons.org/licenses/by-nc-sa/4.0/', 3],
  ['http://creativecommons.org/licenses/by/3.0/', 1.5],
  ['http://creativecommons.org/licenses/by-sa/4.0/', 1.5],
  ['http://creativecommons.org/publicdomain/zero/1.0/', 1],
]
const LICENSE_WEIGHTS = LICENSES.map(([, weight]) => weight)
/** Of the snapshot's first 200 papers, 187 name a submitter among the authors, 140 the first. */
const SUBMITTER_IS_FIRST_AUTHOR_SHARE = 0.75
/** Serials up to a million fit in six digits, about as long as a journal's article number. */
const DOI_SERIAL_DIGITS = 6
/** Room reserved per line: most lines take about 2 kB, and a longer one grows the buffer. */
const EXPECTED_LINE_BYTES = 3_000
/** A UTF-16 code unit takes at most three bytes of UTF-8. */
const UTF8_BYTES_PER_UNIT = 3
const NEWLINE = 0x0a
/** arXiv's limit on an abstract; long sentences drawn for a many-sentence template can pass it. */
const MAX_ABSTRACT_CHARS = 1_920

/** Serials `from` to `to - 1` of corpus `seed` with `n` papers. */
export interface LineRange {
  seed: number
  n: number
  from: number
  to: number
}

export interface Material {
  listings: Listings
  authors: AuthorPool
  submissionOf: (serial: number, random: Random) => Submission
}

/**
 * Lines for serials `from` to `to - 1`, newline-terminated, in UTF-8. Each paper draws from its own
 * PRNG, seeded by corpus seed and serial, so a range renders the same in whichever worker runs it.
 */
export function renderLines(material: Material, { seed, n, from, to }: LineRange): Uint8Array<ArrayBuffer> {
  const encoder = new TextEncoder()
  let bytes = new Uint8Array((to - from) * EXPECTED_LINE_BYTES)
  let length = 0
  for (let serial = from; serial < to; serial++) {
    const random = createRandom(hashInt(serial, seed))
    const line = JSON.stringify(composePaper(material, random, serial, n))
    // Encoded line by line: joined first, one non-ASCII line would make the whole chunk two-byte.
    const room = length + line.length * UTF8_BYTES_PER_UNIT + 1
    if (room > bytes.length) bytes = grow(bytes, Math.max(room, bytes.length * 2))
    length += encoder.encodeInto(line, bytes.subarray(length)).written
    bytes[length++] = NEWLINE
  }
  return bytes.subarray(0, length)
}

function grow(bytes: Uint8Array, size: number): Uint8Array<ArrayBuffer> {
  const larger = new Uint8Array(size)
  larger.set(bytes)
  return larger
}

/** The serial-th paper (from 1) of n: a real paper's shape, filled with material from its field. */
function composePaper(material: Material, random: Random, serial: number, n: number): SnapshotRecord {
  const { listings } = material
  const template = pick(random, listings.templates)
  const pool = listings.pools[template.pool]!
  const title = spliceTitles(template.title, pick(random, pool.titles), random())
  const abstract = drawSentences(random, pool.sentences, template.sentenceCount)
  const authors = material.authors.draw(random, template.authorCount, n)
  const publication = pick(random, listings.publications)
  const { id, submittedAt } = material.submissionOf(serial, random)
  const { versions, updateDate } = drawVersions(random, submittedAt)
  return {
    id,
    submitter: drawSubmitter(random, authors).name,
    authors: wrapField(formatAuthors(authors.map((author) => author.name)), 'Authors: '),
    title: wrapField(title, 'Title: '),
    comments: template.comments === null ? null : wrapField(template.comments, 'Comments: '),
    'journal-ref': publication.journalRef === null ? null : wrapField(publication.journalRef, 'Journal-ref: '),
    doi: publication.doi === null ? null : uniqueDoi(publication.doi, serial),
    // The listings hold no report numbers, and inventing them would add nothing real.
    'report-no': null,
    categories: template.categories,
    license: LICENSES[pickWeighted(random, LICENSE_WEIGHTS)]![0],
    abstract: wrapAbstract(abstract),
    versions,
    update_date: updateDate,
    authors_parsed: authors.map((author) => author.parsed),
  }
}

/**
 * `count` different sentences of the pool (repeating only once a small pool runs out), fewer when
 * they would pass arXiv's abstract limit.
 */
function drawSentences(random: Random, sentences: string[], count: number): string {
  const picked: number[] = []
  let length = -1
  while (picked.length < count) {
    const index = pickIndex(random, sentences.length)
    if (picked.includes(index) && picked.length < sentences.length) continue
    length += sentences[index]!.length + 1
    if (length > MAX_ABSTRACT_CHARS && picked.length > 0) break
    picked.push(index)
  }
  return picked.map((index) => sentences[index]).join(' ')
}

function drawSubmitter(random: Random, authors: Author[]): Author {
  if (authors.length === 1 || random() < SUBMITTER_IS_FIRST_AUTHOR_SHARE) return authors[0]!
  return authors[1 + pickIndex(random, authors.length - 1)]!
}

/**
 * A real DOI whose last number ends in the paper's serial (six digits or more), so generated
 * papers don't share DOIs as recombined material otherwise would.
 */
function uniqueDoi(doi: string, serial: number): string {
  const ending = String(serial).padStart(DOI_SERIAL_DIGITS, '0')
  return doi.replace(/\d+(?=\D*$)/, (digits) => `${digits.slice(0, -ending.length)}${ending}`)
}
