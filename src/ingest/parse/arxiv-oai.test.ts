import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { SHARED } from '../../../test/support/env.js'
import { createArxivOaiParser, parseArxivOai } from './arxiv-oai.js'

const recorded = (name: string) => readFileSync(`${SHARED}data/arxiv-oai/${name}`, 'utf8')
const parse = (name: string) => parseArxivOai(recorded(name))
const LIST_RECORDS = 'old-oai2_ListRecords_arXiv_from-2015-01-01_until-2015-01-03.xml'
const OAI_DC = 'old-oai2_ListRecords_oai_dc_set-cs_from-2024-01-25_resumptionToken_trimmed-to-5-records.xml'

/**
 * A page as the current service (oaipmh.arxiv.org) writes it, after the templates of arXiv/oaipmh:
 * four-space indents, single-quoted attributes, a token with `expires`. No real recording of it
 * exists; the record is 0704.0001 as the snapshot has it.
 */
function currentServicePage(interior: string): string {
  return `<?xml version='1.0' encoding='UTF-8'?>
<OAI-PMH xmlns='http://www.openarchives.org/OAI/2.0/' xmlns:xsi='http://www.w3.org/2001/XMLSchema-instance' xsi:schemaLocation='http://www.openarchives.org/OAI/2.0/ http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd'>
    <responseDate>2026-04-12T22:10:00Z</responseDate>
    <request verb='ListRecords' metadataPrefix='arXivRaw' from='2026-04-10'>https://oaipmh.arxiv.org/oai</request>
${interior}
</OAI-PMH>`
}

const RAW_RECORD = `
        <record>
            <header>
                <identifier>oai:arXiv.org:0704.0001</identifier>
                <datestamp>2026-04-10</datestamp>
                <setSpec>physics:hep-ph</setSpec>
            </header>
            <metadata>
                <arXivRaw xmlns='http://arxiv.org/OAI/arXivRaw/' xmlns:xsi='http://www.w3.org/2001/XMLSchema-instance' xsi:schemaLocation='http://arxiv.org/OAI/arXivRaw/ http://arxiv.org/OAI/arXivRaw.xsd'>
                    <id>0704.0001</id>
                    <submitter>Pavel Nadolsky</submitter>
                    <version version='v2'>
                        <date>Tue, 24 Jul 2007 20:10:27 GMT</date>
                        <size>37kb</size>
                        <source_type>D</source_type>
                    </version>
                    <version version='v1'>
                        <date>Mon, 02 Apr 2007 19:18:42 GMT</date>
                        <size>37kb</size>
                        <source_type>D</source_type>
                    </version>
                    <title>Calculation of prompt diphoton production cross sections at Tevatron and
  LHC energies</title>
                    <authors>C. Bal\\'azs, E. L. Berger, P. M. Nadolsky, C.-P. Yuan</authors>
                    <categories>hep-ph</categories>
                    <comments>37 pages, 15 figures; published version</comments>
                    <report-no>ANL-HEP-PR-07-12</report-no>
                    <journal-ref>Phys.Rev.D76:013009,2007</journal-ref>
                    <doi>10.1103/PhysRevD.76.013009</doi>
                    <abstract>  A fully differential calculation in perturbative quantum chromodynamics is
presented for the production of massive photon pairs at hadron colliders.
</abstract>
                </arXivRaw>
            </metadata>
        </record>`

const DELETED_HEADER = `
        <record>
            <header status='deleted'>
                <identifier>oai:arXiv.org:hep-th/9901001</identifier>
                <datestamp>2026-04-10</datestamp>
            </header>
        </record>`

describe('the arXiv metadata format', () => {
  it('reads a GetRecord: authors from their parts, dates, DOI, journal reference and licence', () => {
    expect(parse('old-oai2_GetRecord_arXiv_1412.8544.xml')).toEqual({
      records: [
        {
          id: '1412.8544',
          title: 'A Kochen-Specker system has at least 22 vectors (extended abstract)',
          abstract: expect.stringMatching(
            /^At the heart of the Conway-Kochen Free Will theorem .* improve the lower bound to 22\.$/,
          ),
          publishedAt: '2014-12-29T00:00:00.000Z',
          authors: ['Sander Uijlen', 'Bas Westerbaan'],
          categories: ['cs.DM'],
          comments: 'In Proceedings QPL 2014, arXiv:1412.8102',
          journalRef: 'EPTCS 172, 2014, pp. 154-164',
          doi: '10.4204/EPTCS.172.11',
          license: 'http://arxiv.org/licenses/nonexclusive-distrib/1.0/',
        },
      ],
      deleted: [],
      resumptionToken: null,
      error: null,
      problems: [],
      complete: true,
    })
  })

  it('reads a complete ListRecords page, old-style ids included', () => {
    const page = parse(LIST_RECORDS)
    expect(page).toMatchObject({ resumptionToken: null, error: null, problems: [], complete: true })
    expect(page.records.map((r) => r.id)).toEqual(['1412.8544', 'hep-th/9504118'])
    expect(page.records[1]).toMatchObject({
      title: 'Discrete Mathematics and Physics on the Planck-Scale',
      authors: ['M. Requardt'],
      publishedAt: '1995-04-24T00:00:00.000Z',
      comments: '21 pages, Latex',
      abstract: expect.stringContaining('the "strength" of the bonds'),
    })
  })

  it('joins forenames, keyname and suffix, and reads <updated>', () => {
    const xml = recorded(LIST_RECORDS)
      .replace(
        '<keyname>Requardt</keyname><forenames>M.</forenames>',
        '<keyname>Requardt</keyname><forenames>M.</forenames><suffix>Jr</suffix>',
      )
      .replace('<created>1995-04-24</created>', '<created>1995-04-24</created><updated>1995-05-02</updated>')
    expect(parseArxivOai(xml).records[1]).toMatchObject({
      authors: ['M. Requardt Jr'],
      updatedAt: '1995-05-02T00:00:00.000Z',
    })
  })
})

describe('the arXivRaw format', () => {
  const page = parseArxivOai(
    currentServicePage(`    <ListRecords>${RAW_RECORD}${DELETED_HEADER}
        <resumptionToken expires='2026-04-13T22:10:00Z'>from=2026-04-10&amp;skip=3500</resumptionToken>
    </ListRecords>`),
  )

  it('reads every version with its date, v1 as published and the latest as the version', () => {
    expect(page.records).toEqual([
      {
        id: '0704.0001',
        title: 'Calculation of prompt diphoton production cross sections at Tevatron and LHC energies',
        abstract:
          'A fully differential calculation in perturbative quantum chromodynamics is presented for the production of massive photon pairs at hadron colliders.',
        version: 2,
        publishedAt: '2007-04-02T19:18:42.000Z',
        updatedAt: '2007-07-24T20:10:27.000Z',
        authors: ['C. Balázs', 'E. L. Berger', 'P. M. Nadolsky', 'C.-P. Yuan'],
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
    ])
  })

  it('lists deleted records by id', () => {
    expect(page.deleted).toEqual(['hep-th/9901001'])
  })

  it("reads the current service's token, single-quoted, with its expiry", () => {
    expect(page.resumptionToken).toEqual({ token: 'from=2026-04-10&skip=3500', expires: '2026-04-13T22:10:00Z' })
    expect(page).toMatchObject({ error: null, problems: [], complete: true })
  })

  it('ends the list at an empty token', () => {
    const last = parseArxivOai(
      currentServicePage(`    <ListRecords>${RAW_RECORD}\n        <resumptionToken/>\n    </ListRecords>`),
    )
    expect(last).toMatchObject({ resumptionToken: null, complete: true })
    expect(last.records).toHaveLength(1)
  })

  it('leaves out a version whose date is unreadable, and says so', () => {
    const xml = currentServicePage(
      `<ListRecords>${RAW_RECORD.replace('Tue, 24 Jul 2007 20:10:27 GMT', 'soon')}</ListRecords>`,
    )
    const { records, problems } = parseArxivOai(xml)
    expect(problems).toEqual([{ where: '0704.0001', reason: 'v2 date "soon" is not a date; v2 left out' }])
    expect(records[0]).toMatchObject({ version: 1, versions: [{ version: 1, createdAt: '2007-04-02T19:18:42.000Z' }] })
  })
})

describe('the page around the records', () => {
  it("reads the old service's token with cursor and list size", () => {
    expect(parse(OAI_DC).resumptionToken).toEqual({ token: '6960524|1001', cursor: 0, completeListSize: 1162 })
  })

  it('reports records in a format it does not read, by id', () => {
    const { records, problems } = parse(OAI_DC)
    expect(records).toEqual([])
    expect(problems.map((p) => p.where)).toEqual(['1303.2033', '2401.14034', '2401.14036', '2401.14038', '2401.14040'])
    expect(problems[0]!.reason).toBe('metadata format <dc> is not read (ask for arXivRaw or arXiv)')
  })

  it.each([
    ['noRecordsMatch', 'No records match the given criteria'],
    ['badResumptionToken', 'The value of the resumptionToken argument is invalid or expired.'],
  ])('reports the protocol error %s, as the current service writes it', (code, message) => {
    expect(parseArxivOai(currentServicePage(`    <error code='${code}'>${message}</error>`))).toEqual({
      records: [],
      deleted: [],
      resumptionToken: null,
      error: { code, message },
      problems: [],
      complete: true,
    })
  })

  it('reads a ListIdentifiers page without taking headers for records', () => {
    expect(parse('old-oai2_ListIdentifiers_arXiv_from-2009-01-01_until-2009-01-02.xml')).toMatchObject({
      records: [],
      deleted: [],
      problems: [],
      complete: true,
    })
  })

  it('reports a record whose identifier is not an arXiv id and lands the rest', () => {
    const page = parseArxivOai(recorded(LIST_RECORDS).replace('oai:arXiv.org:1412.8544', 'oai:example.org:1'))
    expect(page.problems).toEqual([{ where: 'record 1', reason: 'unreadable identifier "oai:example.org:1"' }])
    expect(page.records.map((r) => r.id)).toEqual(['hep-th/9504118'])
  })

  it('says a flow-control answer is not a page', () => {
    expect(parse('old-oai2_ListRecords_arXiv_from-2015-01-01_until-2015-01-03_first-try_503-Retry-After.html')).toEqual(
      {
        records: [],
        deleted: [],
        resumptionToken: null,
        error: null,
        complete: false,
        problems: [{ where: 'document', reason: 'not OAI-PMH: the document is <html>' }],
      },
    )
  })
})

describe('a page cut off in transit', () => {
  it('keeps the records completed before the cut and says the page is incomplete', () => {
    const xml = recorded(LIST_RECORDS)
    const page = parseArxivOai(xml.slice(0, xml.indexOf('<identifier>oai:arXiv.org:hep-th/9504118')))
    expect(page.records.map((r) => r.id)).toEqual(['1412.8544'])
    expect(page.complete).toBe(false)
    expect(page.problems).toEqual([
      { where: 'document', reason: expect.stringMatching(/^not well-formed XML \(.*unclosed tag/) },
    ])
  })

  it('is not complete when it ends with the token but before the root closes', () => {
    const xml = recorded(OAI_DC)
    expect(parseArxivOai(xml.slice(0, xml.indexOf('</ListRecords>'))).complete).toBe(false)
  })

  it('gives the same page however the body is split', () => {
    const xml = recorded(LIST_RECORDS)
    for (const size of [1, 13, 1024]) {
      const parser = createArxivOaiParser()
      for (let i = 0; i < xml.length; i += size) parser.write(xml.slice(i, i + size))
      expect(parser.close()).toEqual(parseArxivOai(xml))
    }
  })
})
