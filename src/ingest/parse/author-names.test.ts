import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { SHARED } from '../../../test/support/env.js'
import { decodeTexAccents, splitAuthorList } from './author-names.js'

const snapshotLines = (year: string): { id: string; authors: string; authors_parsed: string[][] }[] =>
  readFileSync(`${SHARED}data/arxiv-snapshot/arxiv-metadata-oai-snapshot_head-200_${year}.jsonl`, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line))

// arXiv's own parse also spaces initials (`J.P.` → `J. P.`); that difference is not the split's.
const spacedInitials = (name: string) => name.replace(/\.(?=\S)/g, '. ')

describe('splitting an author list', () => {
  it.each(['2023-05', '2025-10'])("agrees with the snapshot's authors_parsed on all 200 lines of %s", (year) => {
    for (const line of snapshotLines(year)) {
      const parsed = line.authors_parsed.map(([last, first, suffix]) =>
        [first, last, suffix].filter(Boolean).join(' ').trim(),
      )
      expect(splitAuthorList(line.authors).map(spacedInitials), line.id).toEqual(parsed.map(spacedInitials))
    }
  })

  it('splits at commas and at "and", with or without a serial comma', () => {
    expect(splitAuthorList('A.A. Serga, M. Kostylev, and B. Hillebrands')).toEqual([
      'A.A. Serga',
      'M. Kostylev',
      'B. Hillebrands',
    ])
    expect(splitAuthorList('Ileana Streinu and Louis Theran')).toEqual(['Ileana Streinu', 'Louis Theran'])
    expect(splitAuthorList('Nceba Mhlahlo, Steven B. Potter,\n  Brian Warner and Patric A. Woudt')).toEqual([
      'Nceba Mhlahlo',
      'Steven B. Potter',
      'Brian Warner',
      'Patric A. Woudt',
    ])
  })

  it('leaves out affiliations, also nested ones holding commas and "and"', () => {
    expect(
      splitAuthorList(
        'A. S. Mishchenko (1 and 2) and N. Nagaosa (1 and 3) ((1) CREST, Japan\n  Science and Technology Agency, (2) Russian Research Centre)',
      ),
    ).toEqual(['A. S. Mishchenko', 'N. Nagaosa'])
    expect(splitAuthorList('Debo Cheng (University of South Australia), Ziqi Xu (RMIT University)')).toEqual([
      'Debo Cheng',
      'Ziqi Xu',
    ])
    expect(splitAuthorList('Ann Lee (Somewhere, Else')).toEqual(['Ann Lee'])
    expect(splitAuthorList('Ann Lee), Bo Li')).toEqual(['Ann Lee', 'Bo Li'])
  })

  it('keeps a suffix with its name and drops "et al"', () => {
    expect(splitAuthorList('John Smith, Jr., Ann Lee')).toEqual(['John Smith Jr.', 'Ann Lee'])
    expect(splitAuthorList('Neal J. Evans II, Philip C. Myers')).toEqual(['Neal J. Evans II', 'Philip C. Myers'])
    expect(splitAuthorList('The BABAR Collaboration, B. Aubert, et al')).toEqual([
      'The BABAR Collaboration',
      'B. Aubert',
    ])
  })

  it('gives no names for an empty list', () => {
    expect(splitAuthorList('')).toEqual([])
    expect(splitAuthorList(' , and ')).toEqual([])
  })
})

describe('decoding TeX accents', () => {
  it.each([
    ["C. Bal\\'azs", 'C. Balázs'],
    ['Mikkel {\\O}bro', 'Mikkel Øbro'],
    ["Rastislav \\v{S}r\\'amek, Tom\\'a\\v{s} Vina\\v{r}", 'Rastislav Šrámek, Tomáš Vinař'],
    ['Serdar Kad{\\i}o\\u{g}lu', 'Serdar Kadıoğlu'],
    ["Guillem P\\'erez Mart\\'{\\i}n", 'Guillem Pérez Martín'],
    ['Jaros{\\l}aw \\.Zygierewicz', 'Jarosław Żygierewicz'],
    ['Felipe M. G. Fran\\c{c}a', 'Felipe M. G. França'],
    ['Adam Lundstr\\"om, Marc Aragon\\`es', 'Adam Lundström, Marc Aragonès'],
    ['Rasmus Mar{\\aa}k, Holb{\\ae}k', 'Rasmus Maråk, Holbæk'],
    ["{\\'E}mile and \\'{E}lise", 'Émile and Élise'],
    ['Andr\\~ao \\v s', 'Andrão š'],
  ])('decodes %s', (tex, text) => {
    expect(decodeTexAccents(tex)).toBe(text)
  })

  it('leaves text without commands alone, and unknown commands as they are', () => {
    expect(decodeTexAccents('Ulf-G. Meißner')).toBe('Ulf-G. Meißner')
    // Seen in the recorded RSS day: `\dh` run into the next letters is no command TeX knows.
    expect(decodeTexAccents('Gu\\dhmundur')).toBe('Gu\\dhmundur')
  })
})
