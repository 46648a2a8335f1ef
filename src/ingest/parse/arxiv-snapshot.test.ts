import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { SHARED } from '../../../test/support/env.js'
import { parseSnapshotLine, type SnapshotResult } from './arxiv-snapshot.js'

const lines = (year: string) =>
  readFileSync(`${SHARED}data/arxiv-snapshot/arxiv-metadata-oai-snapshot_head-200_${year}.jsonl`, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
const OLD = lines('2023-05')
const NEW = lines('2025-10')
const parseAll = (all: string[]) => all.map((line, i) => parseSnapshotLine(line, i + 1))
const recordOf = (result: SnapshotResult) => ('record' in result ? result.record : undefined)
const recordFor = (id: string) =>
  parseAll(NEW)
    .map(recordOf)
    .find((r) => r?.id === id)
/** The first recorded line, edited: how a line arXiv could send looks when it is bad. */
const edited = (edit: (line: Record<string, unknown>) => void) => {
  const line: Record<string, unknown> = JSON.parse(NEW[0]!)
  edit(line)
  return parseSnapshotLine(JSON.stringify(line), 1)
}

describe('the recorded snapshot lines', () => {
  it('read completely, 200 records from each file', () => {
    for (const results of [parseAll(OLD), parseAll(NEW)]) {
      expect(results.filter((r) => 'problem' in r)).toEqual([])
      expect(results).toHaveLength(200)
    }
  })

  it('give equal records from the three lines the two files encode differently', () => {
    const differing = OLD.flatMap((line, i) => (line === NEW[i] ? [] : [i]))
    expect(differing.map((i) => JSON.parse(OLD[i]!).id)).toEqual(['0704.0163', '0704.0185', '0704.0199'])
    for (const i of differing) expect(parseSnapshotLine(NEW[i]!, i + 1)).toEqual(parseSnapshotLine(OLD[i]!, i + 1))
    expect(recordFor('0704.0163')!.authors).toEqual(['Peter Brommer', 'Franz Gähler'])
  })

  it('read the first paper whole: unwrapped text, decoded names, every version', () => {
    expect(parseSnapshotLine(NEW[0]!, 1)).toEqual({
      record: {
        id: '0704.0001',
        title: 'Calculation of prompt diphoton production cross sections at Tevatron and LHC energies',
        abstract: expect.stringMatching(
          /^A fully differential calculation in perturbative quantum chromodynamics is presented .* judicious selection of events\.$/,
        ),
        version: 2,
        publishedAt: '2007-04-02T19:18:42.000Z',
        updatedAt: '2008-11-26T00:00:00.000Z',
        authors: ['C. Balázs', 'E. L. Berger', 'P. M. Nadolsky', 'C. -P. Yuan'],
        categories: ['hep-ph'],
        comments: '37 pages, 15 figures; published version',
        journalRef: 'Phys.Rev.D76:013009,2007',
        doi: '10.1103/PhysRevD.76.013009',
        versions: [
          { version: 1, createdAt: '2007-04-02T19:18:42.000Z' },
          {
            version: 2,
            createdAt: '2007-07-24T20:10:27.000Z',
            title: 'Calculation of prompt diphoton production cross sections at Tevatron and LHC energies',
          },
        ],
      },
    })
  })

  it('leave null values out of the record', () => {
    const record = recordFor('0704.0012')!
    for (const key of ['comments', 'journalRef', 'doi', 'license']) expect(record).not.toHaveProperty(key)
  })

  it('take the highest of five versions, and v1 as published', () => {
    expect(recordFor('0704.0098')).toMatchObject({
      version: 5,
      publishedAt: '2007-04-01T18:27:26.000Z',
      updatedAt: '2009-11-13T00:00:00.000Z',
      title: 'Sparsely-spread CDMA - a statistical mechanics based analysis',
    })
  })

  it('write a suffix after the name and leave out the affiliation', () => {
    expect(recordFor('0704.0009')!.authors).toContain('Neal J. Evans II')
    expect(recordFor('0704.0025')!.authors).toEqual(['A. S. Mishchenko', 'N. Nagaosa'])
  })

  it('mark the withdrawn paper withdrawn, and no other', () => {
    const withdrawn = parseAll(NEW)
      .map(recordOf)
      .filter((r) => r?.withdrawn)
    expect(withdrawn.map((r) => r?.id)).toEqual(['0704.0156'])
  })
})

describe('bad lines', () => {
  it('report a line that is not JSON by its number', () => {
    expect(parseSnapshotLine('{"id": "0704.0001", "title": ', 7)).toEqual({
      problem: { where: 'line 7', reason: 'not JSON' },
    })
  })

  it('report a line without a title by its id', () => {
    expect(edited((line) => delete line.title)).toEqual({
      problem: { where: '0704.0001', reason: expect.stringMatching(/^title: /) },
    })
    expect(edited((line) => (line.title = '  \n  '))).toEqual({ problem: { where: '0704.0001', reason: 'no title' } })
  })

  it('report an id that is not an arXiv id', () => {
    expect(edited((line) => (line.id = '0704.0001v2'))).toEqual({
      problem: { where: '0704.0001v2', reason: 'id: not an arXiv id' },
    })
  })

  it('report dates that are not dates', () => {
    expect(edited((line) => (line.versions = [{ version: 'v1', created: 'Mon, 2 Apr 2007' }]))).toEqual({
      problem: { where: '0704.0001', reason: 'versions.0.created: "Mon, 2 Apr 2007" is not an RFC 2822 date' },
    })
    expect(edited((line) => (line.update_date = '2008-02-30'))).toEqual({
      problem: { where: '0704.0001', reason: 'update_date: "2008-02-30" is not a day' },
    })
  })

  it('report a line decoded from bytes that were not UTF-8', () => {
    const bytes = Buffer.from(NEW[162]!, 'utf8')
    const at = bytes.indexOf(Buffer.from('Gähler', 'utf8')) + 1
    bytes[at] = 0xff
    const line = new TextDecoder().decode(bytes)
    expect(parseSnapshotLine(line, 163)).toEqual({
      problem: { where: '0704.0163', reason: 'text holds U+FFFD: the bytes were not UTF-8' },
    })
  })
})
