import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { SHARED } from '../../../test/support/env.js'
import { createArxivAtomParser, parseArxivAtom, type AtomFeed } from './arxiv-atom.js'

const recorded = (name: string) => readFileSync(`${SHARED}data/arxiv-atom-api/${name}`, 'utf8')
const parse = (name: string) => parseArxivAtom(recorded(name))
const OLD_SEARCH = 'old-format_search_all-electron-AND-all-proton_10.xml'
const NEW_SEARCH = 'current-format-2025-11-11_search_all-electron-AND-all-proton_10.xml'
const OLD_IDS = 'old-format_id-list_4-ids-3-nonexistent.xml'
const NEW_IDS = 'current-format-2025-11-11_id-list_4-ids-3-nonexistent.xml'
const TESTING_100 = 'current-format_search_testing_start0_max100.xml'

function inChunks(xml: string, size: number): AtomFeed {
  const parser = createArxivAtomParser()
  for (let i = 0; i < xml.length; i += size) parser.write(xml.slice(i, i + size))
  return parser.close()
}

describe('the old Atom format (until 2025-11-11)', () => {
  it('reads the paging figures and every entry of a search', () => {
    const feed = parse(OLD_SEARCH)
    expect(feed).toMatchObject({ totalResults: 7370, startIndex: 0, problems: [], error: null })
    expect(feed.records.map((r) => r.id)).toEqual([
      'astro-ph/9904306',
      'hep-ph/9411242',
      '1706.01836',
      'astro-ph/9901367',
      '1207.3978',
      '0806.3233',
      '1602.03411',
      '2507.06488',
      '1403.6944',
      '2407.11707',
    ])
  })

  it('reads an old-style id, the wrapped title and abstract, authors and categories', () => {
    expect(parse(OLD_SEARCH).records[0]).toEqual({
      id: 'astro-ph/9904306',
      title: 'Improved scenario of baryogenesis',
      abstract: expect.stringMatching(
        /^It is assumed that, in the primordial plasma, at the temperatures above the mass of electron, fermions .* survive as protons and electrons\.$/,
      ),
      version: 1,
      publishedAt: '1999-04-22T15:54:59.000Z',
      updatedAt: '1999-04-22T15:54:59.000Z',
      authors: ['D. L. Khokhlov'],
      categories: ['astro-ph'],
      comments: '3 pages LaTeX',
      versions: [{ version: 1, createdAt: '1999-04-22T15:54:59.000Z', title: 'Improved scenario of baryogenesis' }],
    })
    expect(parse(OLD_SEARCH).records[1]).toMatchObject({
      title:
        'Proton-ring and Electron-linac Collider (PRELC) as a (first) TeV-rangeelectron-proton or photon-proton collider',
      authors: ['Raimo Vuopionperä'],
    })
  })

  it('reads the DOI and journal reference, and no version date for a v2', () => {
    const record = parse(OLD_SEARCH).records[2]!
    expect(record).toMatchObject({
      id: '1706.01836',
      version: 2,
      publishedAt: '2017-06-06T16:12:51.000Z',
      updatedAt: '2017-09-24T14:21:38.000Z',
      doi: '10.1063/1.4996038',
      journalRef: 'The Journal of Chemical Physics 147, 114113 (2017)',
      categories: ['physics.chem-ph'],
    })
    expect(record).not.toHaveProperty('versions')
  })

  it('skips the empty stub entries it gave for unknown ids, which totalResults still counts', () => {
    const feed = parse(OLD_IDS)
    expect(feed.totalResults).toBe(4)
    expect(feed.records.map((r) => r.id)).toEqual(['2201.13452'])
    expect(feed.problems).toEqual([])
  })

  it('drops the MSC class the old format listed among the categories', () => {
    expect(recorded(OLD_IDS)).toContain('<category term="35"')
    expect(parse(OLD_IDS).records[0]!.categories).toEqual(['math.AP'])
  })

  it('reads the known bug of a count without entries as it is', () => {
    expect(parse('old-format_id-list_1201.56789_empty.xml')).toEqual({
      totalResults: 1,
      startIndex: 0,
      records: [],
      problems: [],
      error: null,
    })
  })
})

describe('the current Atom format (since 2025-11-11)', () => {
  it('reads a page of 100 entries with no problems', () => {
    const feed = parse(TESTING_100)
    expect(feed).toMatchObject({ totalResults: 214881, startIndex: 0, problems: [], error: null })
    expect(feed.records).toHaveLength(100)
    expect(feed.records.filter((r) => r.doi)).toHaveLength(32)
    expect(feed.records.filter((r) => r.journalRef)).toHaveLength(18)
    expect(feed.records.filter((r) => r.version === 1)).toHaveLength(64)
  })

  it('reads the second page offset', () => {
    expect(parse('current-format_search_testing_start10_max10.xml')).toMatchObject({
      totalResults: 214881,
      startIndex: 10,
    })
  })

  it('reads the primary category first, then the others', () => {
    expect(parse(TESTING_100).records[0]).toMatchObject({
      id: '2202.12139',
      authors: ['Mohit Kumar Ahuja', 'Arnaud Gotlieb', 'Helge Spieker'],
      categories: ['cs.SE', 'cs.LG'],
      doi: '10.1109/ICSTW55395.2022.00035',
    })
  })

  it('reads old-style ids, affiliations left out of the names', () => {
    expect(parse('current-format_id-list_old-style_astro-ph-0601001.xml').records).toEqual([
      expect.objectContaining({
        id: 'astro-ph/0601001',
        version: 1,
        authors: ['Andrew Gould', 'Susan Dorsher', 'B. Scott Gaudi', 'Andrzej Udalski'],
        journalRef: 'ActaAstron.56:1-50,2006',
      }),
    ])
    expect(parse('current-format_id-list_old-style-versioned_quant-ph-0201082v1.xml').records[0]).toMatchObject({
      id: 'quant-ph/0201082',
      version: 1,
      categories: ['quant-ph', 'cs.PL'],
    })
  })

  it('keeps a title that is only "0"', () => {
    expect(parse('current-format_id-list_versioned_2104.12255v1.xml').records[0]).toMatchObject({
      id: '2104.12255',
      title: '0',
    })
  })

  it('reads empty results, whatever the reason', () => {
    for (const name of [
      'current-format_id-list_0000.0000_empty.xml',
      'current-format_id-list_0808.05394_empty.xml',
      'current-format-2025-11-11_id-list_1201.56789_empty.xml',
    ]) {
      expect(parse(name)).toEqual({ totalResults: 0, startIndex: 0, records: [], problems: [], error: null })
    }
  })

  it('reports the error entry of an error feed, and no record', () => {
    expect(parse('current-format_error_id-list_abc_http400.xml')).toMatchObject({
      records: [],
      error: 'incorrect id format for abc',
    })
  })
})

describe('one paper in both formats', () => {
  it('gives the same record for 2201.13452 but for <updated>, which now moves with the metadata', () => {
    const [old] = parse(OLD_IDS).records
    const [current] = parse(NEW_IDS).records
    expect(old!.updatedAt).toBe('2022-01-31T18:59:34.000Z')
    expect(current!.updatedAt).toBe('2022-02-01T04:27:03.000Z')
    expect({ ...current, updatedAt: undefined }).toEqual({ ...old, updatedAt: undefined })
    expect(current).toMatchObject({
      title: 'Asymptotic Analysis for a Nonlinear Reaction-Diffusion System Modeling an Infectious Disease',
      authors: ['Hong-Ming Yin', 'Jun Zou'],
      comments: '34 pages',
      versions: [{ version: 1, createdAt: '2022-01-31T18:59:34.000Z' }],
    })
  })

  it('gives the same record for 1602.03411 from both searches', () => {
    const find = (name: string) => parse(name).records.find((r) => r.id === '1602.03411')
    const old = find(OLD_SEARCH)
    const current = find(NEW_SEARCH)
    expect({ ...current, updatedAt: undefined }).toEqual({ ...old, updatedAt: undefined })
    expect(current).toMatchObject({ doi: '10.1002/2016JA022429', categories: ['physics.plasm-ph', 'physics.space-ph'] })
  })

  it('reads elements by namespace, whatever prefix declares it', () => {
    const reprefixed = recorded(NEW_SEARCH)
      .replaceAll('xmlns:arxiv=', 'xmlns:q=')
      .replaceAll('<arxiv:', '<q:')
      .replaceAll('</arxiv:', '</q:')
      .replaceAll('xmlns="http://www.w3.org/2005/Atom"', 'xmlns:a="http://www.w3.org/2005/Atom"')
      .replace(/<(\/?)(feed|entry|id|title|updated|published|summary|author|name|category|link)\b/g, '<$1a:$2')
    expect(reprefixed).toContain('<a:entry>')
    expect(parseArxivAtom(reprefixed)).toEqual(parse(NEW_SEARCH))
  })
})

describe('bad entries', () => {
  const entries = recorded(OLD_SEARCH)

  it('reports an entry without a title and lands the rest', () => {
    const feed = parseArxivAtom(entries.replace('<title>Improved scenario of baryogenesis</title>', ''))
    expect(feed.problems).toEqual([{ where: 'astro-ph/9904306', reason: 'no title' }])
    expect(feed.records).toHaveLength(9)
  })

  it('reports an entry whose id is not an arXiv id and lands the rest', () => {
    const feed = parseArxivAtom(
      entries.replace('<id>http://arxiv.org/abs/1207.3978v1</id>', '<id>http://arxiv.org/abs/banana</id>'),
    )
    expect(feed.problems).toEqual([{ where: 'entry 5', reason: 'unreadable id "http://arxiv.org/abs/banana"' }])
    expect(feed.records).toHaveLength(9)
  })

  it('leaves out an unreadable date and says so', () => {
    const feed = parseArxivAtom(
      entries.replace('<published>1999-04-22T15:54:59Z</published>', '<published>yesterday</published>'),
    )
    expect(feed.problems).toEqual([
      { where: 'astro-ph/9904306', reason: '<published> "yesterday" is not a date; left out' },
    ])
    expect(feed.records[0]).not.toHaveProperty('publishedAt')
    expect(feed.records[0]).not.toHaveProperty('versions')
  })

  it('marks a paper withdrawn when its comment says so', () => {
    const feed = parseArxivAtom(entries.replace('3 pages LaTeX', 'This paper has been withdrawn by the author'))
    expect(feed.records[0]!.withdrawn).toBe(true)
    expect(feed.records.filter((r) => 'withdrawn' in r)).toHaveLength(1)
  })
})

describe('reading as the body streams in', () => {
  it('gives the same feed from any split into chunks', () => {
    const xml = recorded(NEW_SEARCH)
    const whole = parseArxivAtom(xml)
    expect(inChunks(xml, 1)).toEqual(whole)
    expect(inChunks(recorded(OLD_SEARCH), 7)).toEqual(parse(OLD_SEARCH))
    fc.assert(
      fc.property(fc.array(fc.nat(xml.length), { maxLength: 20 }), (cuts) => {
        const points = [0, ...cuts.sort((a, b) => a - b), xml.length]
        const parser = createArxivAtomParser()
        for (let i = 1; i < points.length; i++) parser.write(xml.slice(points[i - 1], points[i]))
        expect(parser.close()).toEqual(whole)
      }),
      { numRuns: 50 },
    )
  })

  it('keeps the entries read before the body was cut off, and says it was', () => {
    const xml = recorded(OLD_SEARCH)
    const feed = parseArxivAtom(xml.slice(0, xml.indexOf('<id>http://arxiv.org/abs/1207.3978v1</id>')))
    expect(feed.records).toHaveLength(4)
    expect(feed.error).toMatch(/^not well-formed XML \(.*unclosed tag/)
  })
})
