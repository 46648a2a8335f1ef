import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { describeEachDatabase } from '../../../test/support/db.js'
import { SHARED } from '../../../test/support/env.js'
import { readHfItem } from '../../papers/huggingface/format.js'
import type { PaperRecord } from '../../papers/model.js'
import { getPaper } from '../../papers/store.js'
import { upsertPapers } from '../../papers/upsert.js'
import { parseArxivAtom } from './arxiv-atom.js'
import { parseArxivOai } from './arxiv-oai.js'
import { parseArxivRss } from './arxiv-rss.js'
import { parseSnapshotLine } from './arxiv-snapshot.js'

const data = (path: string) => readFileSync(`${SHARED}data/${path}`)

/** Each XML parser, what it calls a failed document, and a recording to spoil. */
const parsers = [
  {
    name: 'the Atom parser',
    root: '<feed xmlns="http://www.w3.org/2005/Atom">',
    close: '</feed>',
    parse: (xml: string) => {
      const feed = parseArxivAtom(xml)
      return { failure: feed.error, problems: feed.problems, count: feed.records.length }
    },
    bytes: data('arxiv-atom-api/old-format_search_all-electron-AND-all-proton_10.xml'),
    title: 'Improved scenario of baryogenesis',
    id: 'astro-ph/9904306',
  },
  {
    name: 'the OAI-PMH parser',
    root: '<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/">',
    close: '</OAI-PMH>',
    parse: (xml: string) => {
      const page = parseArxivOai(xml)
      const failure = page.complete ? null : (page.problems.find((p) => p.where === 'document')?.reason ?? null)
      return { failure, problems: page.problems, count: page.records.length }
    },
    bytes: data('arxiv-oai/old-oai2_ListRecords_arXiv_from-2015-01-01_until-2015-01-03.xml'),
    title: 'Discrete Mathematics and Physics on the Planck-Scale',
    id: 'hep-th/9504118',
  },
  {
    name: 'the RSS parser',
    root: '<rss version="2.0"><channel>',
    close: '</channel></rss>',
    parse: (xml: string) => {
      const feed = parseArxivRss(xml)
      return { failure: feed.error, problems: feed.problems, count: feed.items.length }
    },
    bytes: data('arxiv-rss/rss2_multi-archive_all-20-archives_2024-11-28.xml').subarray(0, 20_000),
    title: 'Equivalent of Non-Trivial Riemann Zeros Condition',
    id: '2411.17701',
  },
]

/** A recording cut after its first few items, closed again so that it is well-formed. */
function recordedText(p: (typeof parsers)[number]): string {
  const text = p.bytes.toString('utf8')
  return p.name === 'the RSS parser' ? text.slice(0, text.lastIndexOf('<item>')) + p.close : text
}

describe.each(parsers)('$name on hostile input', (p) => {
  it('returns a failure for an empty body', () => {
    expect(p.parse('').failure).toMatch(/root element/)
  })

  it('returns a failure for an HTML page instead of XML', () => {
    expect(
      p.parse(
        data(
          'arxiv-oai/old-oai2_ListRecords_arXiv_from-2015-01-01_until-2015-01-03_first-try_503-Retry-After.html',
        ).toString(),
      ).failure,
    ).toMatch(/the document is <html>/)
    expect(p.parse('<!DOCTYPE html>\n<html><body><p>Busy<br>try again&nbsp;later</body></html>').failure).toBeTruthy()
  })

  it('returns a failure for JSON', () => {
    expect(p.parse('{"error": "rate limited"}').failure).toMatch(/not well-formed XML/)
  })

  it('does not expand entities: a billion laughs fails at once', () => {
    const levels = Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`)
    const xml = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol0 "lol">${levels.join('')}]>${p.root}<title>&lol9;</title>${p.close}`
    const started = performance.now()
    expect(p.parse(xml).failure).toMatch(/undefined entity/)
    expect(performance.now() - started).toBeLessThan(1000)
  })

  it('does not read an external entity (XXE)', () => {
    const xml = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>${p.root}<title>&xxe;</title>${p.close}`
    const result = p.parse(xml)
    expect(result.failure).toMatch(/undefined entity/)
    expect(JSON.stringify(result)).not.toContain('root:')
  })

  it('reports a record whose bytes were not UTF-8 and lands the rest', () => {
    const good = p.parse(recordedText(p))
    const text = recordedText(p)
    const bytes = Buffer.from(text, 'utf8')
    const at = bytes.indexOf(Buffer.from(p.title, 'utf8'))
    bytes[at + 3] = 0xff
    const spoiled = p.parse(new TextDecoder().decode(bytes))
    expect(spoiled.problems).toEqual([{ where: p.id, reason: 'text holds U+FFFD: the bytes were not UTF-8' }])
    expect(spoiled.count).toBe(good.count - 1)
    expect(spoiled.failure).toBeNull()
  })

  it('fails, without throwing, when bad bytes fall in the markup', () => {
    const bytes = Buffer.from(recordedText(p), 'utf8')
    bytes[bytes.indexOf('<title>') + 2] = 0xc3
    expect(p.parse(new TextDecoder().decode(bytes)).failure).toMatch(/not well-formed XML/)
  })

  it('stops at once on elements nested a million deep', () => {
    const xml = `${p.root}${'<x>'.repeat(1_000_000)}${'</x>'.repeat(1_000_000)}${p.close}`
    const started = performance.now()
    expect(p.parse(xml).failure).toBe('elements nested deeper than 32')
    expect(performance.now() - started).toBeLessThan(1000)
  })

  it('never throws, whatever the text', () => {
    const text = recordedText(p)
    fc.assert(
      fc.property(fc.string(), (s) => void p.parse(s)),
      { numRuns: 300 },
    )
    fc.assert(
      fc.property(fc.nat(text.length), fc.nat(text.length), fc.string(), (from, to, insert) => {
        p.parse(text.slice(0, Math.min(from, to)) + insert + text.slice(Math.max(from, to)))
      }),
      { numRuns: 100 },
    )
  })
})

describe('the snapshot parser on hostile input', () => {
  it.each(['', 'null', '[]', '"0704.0001"', '{}', '<html></html>'])('reports %j as a problem', (line) => {
    expect(parseSnapshotLine(line, 3)).toMatchObject({ problem: { where: 'line 3' } })
  })

  it('does not let a line set properties on every object', () => {
    const line = JSON.parse(
      data('arxiv-snapshot/arxiv-metadata-oai-snapshot_head-200_2025-10.jsonl').toString().split('\n')[0]!,
    )
    const hostile = JSON.stringify(line).replace('{', '{"__proto__": {"polluted": true},')
    expect(parseSnapshotLine(hostile, 1)).toHaveProperty('record')
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('never throws, whatever the line', () => {
    fc.assert(
      fc.property(fc.string(), (s) => void parseSnapshotLine(s, 1)),
      { numRuns: 300 },
    )
    fc.assert(
      fc.property(fc.json(), (s) => void parseSnapshotLine(s, 1)),
      { numRuns: 300 },
    )
  })
})

/** Each parser as a function from text to the records it would hand to the catalog. */
const feeds = [
  {
    name: 'Atom',
    text: recordedText(parsers[0]!),
    records: (t: string) => parseArxivAtom(t).records,
  },
  {
    name: 'OAI-PMH',
    text: recordedText(parsers[1]!),
    records: (t: string) => parseArxivOai(t).records,
  },
  {
    name: 'RSS',
    text: recordedText(parsers[2]!),
    records: (t: string) => parseArxivRss(t).items.map((i) => i.record),
  },
  {
    name: 'snapshot',
    text: data('arxiv-snapshot/arxiv-metadata-oai-snapshot_head-200_2025-10.jsonl')
      .toString()
      .split('\n')
      .slice(0, 20)
      .join('\n'),
    records: (t: string) =>
      t.split('\n').flatMap((line, i) => {
        const parsed = parseSnapshotLine(line, i + 1)
        return 'record' in parsed ? [parsed.record] : []
      }),
  },
  {
    name: 'Hugging Face',
    text: data('hf-daily-papers/2025-03-17.json').toString(),
    records: (t: string) => {
      let items: unknown
      try {
        items = JSON.parse(t)
      } catch {
        return []
      }
      if (!Array.isArray(items)) return []
      return items.flatMap((raw, i) => {
        const read = readHfItem(raw, i)
        return 'record' in read ? [read.record] : []
      })
    },
  },
]

// What hostile input puts in text: NUL and lone surrogates (raw, and as JSON escapes that a JSON
// parser turns into them), control characters, markup, SQL, and very long runs.
const hostile = fc.oneof(
  fc.constantFrom(
    '\u0000',
    '\uD800',
    '\uDFFF',
    '\\u0000',
    '\\ud800',
    '\\udfff',
    '\u0001\u001f',
    '&#0;',
    '<![CDATA[',
    "'; drop table papers; --",
  ),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constant('x'.repeat(10_000)),
)

describeEachDatabase('hostile input through each parser into the catalog', (db) => {
  it.each(feeds)('lands every $name record it parses, whatever its titles hold', async (feed) => {
    // Insert the hostile text inside titles, where it reaches the database if the parser lets it.
    const titles = [...feed.text.matchAll(/"title": ?"([^"\\]{12,})"|<title>([^<]{12,})<\/title>/g)].map(
      (m) => m[1] ?? m[2]!,
    )
    expect(titles.length).toBeGreaterThan(0)
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...titles), fc.nat(12), hostile, async (title, at, insert) => {
        const text = feed.text.replace(title, title.slice(0, at) + insert + title.slice(at))
        const records: PaperRecord[] = feed.records(text)
        const result = await upsertPapers(db(), records)
        // Titles are cleaned, never a reason to refuse a record; ids were left alone.
        expect(result.problems).toEqual([])
        for (const record of records) {
          const stored = await getPaper(db(), record.id)
          expect(stored, record.id).toBeDefined()
          expect(stored!.paper.title).not.toMatch(/\u0000|\p{Cs}/u)
        }
      }),
      { numRuns: 40 },
    )
  })
})
