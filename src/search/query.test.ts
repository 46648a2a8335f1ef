import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Atom, ParsedQuery } from './model.js'
import { MAX_ATOMS, formatQuery, isEmptyQuery, parseQuery } from './query.js'
import { MAX_QUERY_CHARS } from './query-lexer.js'

/** An atom as `field:tokens` with `"…"` for a phrase and `*` for a prefix, to read the tests at a glance. */
function show(a: Atom): string {
  const field = a.field === 'all' ? '' : `${a.field}:`
  const value = a.phrase ? `"${a.tokens.join(' ')}"` : a.tokens.join(' ') + (a.prefix ? '*' : '')
  return field + value
}
const groups = (text: string) => parseQuery(text).groups.map((g) => g.map(show))
const excluded = (text: string) => parseQuery(text).excluded.map(show)
const notes = (text: string) => parseQuery(text).notes

describe('words', () => {
  it('requires every word, each in a group of its own', () => {
    expect(groups('graph neural networks')).toEqual([['graph'], ['neural'], ['network']])
  })

  it('reads words as the index stores them: case, plurals, accents, compounds', () => {
    expect(groups('Transformers Schrödinger pre-training GPT-4 1.5B')).toEqual([
      ['transformer'],
      ['schrodinger'],
      ['pretraining'],
      ['gpt4'],
      ['15b'],
    ])
  })

  it('reads Greek letters and their TeX names alike', () => {
    expect(groups('α-helix $\\beta$ β')).toEqual([['alphahelix'], ['beta']])
  })

  it('splits a chunk joined by other punctuation into its words', () => {
    expect(groups('graph,neural;networks')).toEqual([['graph'], ['neural'], ['network']])
  })

  it('reads text in decomposed Unicode like its composed spelling', () => {
    expect(groups('Schro\u0308dinger')).toEqual([['schrodinger']])
  })

  it('drops common words beside other words, keeps them alone or quoted', () => {
    expect(groups('the attention of a transformer')).toEqual([['attention'], ['transformer']])
    expect(groups('the')).toEqual([['the']])
    expect(groups('"the" transformer')).toEqual([['the'], ['transformer']])
    expect(groups('title:the transformer')).toEqual([['title:the'], ['transformer']])
  })

  it('keeps one copy of a repeated word', () => {
    expect(groups('graph Graphs graph')).toEqual([['graph']])
  })
})

describe('phrases', () => {
  it('reads quoted words as a phrase with its common words kept', () => {
    expect(groups('"attention is all you need"')).toEqual([['"attention is all you need"']])
    expect(groups('“large language models”')).toEqual([['"large language model"']])
  })

  it('keeps the parts of a compound in a phrase, as the index holds them where they stand', () => {
    expect(groups('"pre-training of GPT-4"')).toEqual([['"pre training of gpt 4"']])
  })

  it('reads one quoted word as that word, never dropped', () => {
    expect(groups('"Transformers"')).toEqual([['transformer']])
  })

  it('reads the rest as a phrase when the quote is not closed', () => {
    expect(parseQuery('deep "learning models')).toMatchObject({
      groups: [[{ tokens: ['deep'] }], [{ tokens: ['learning', 'model'], phrase: true }]],
      notes: ['The quote after “deep” was not closed; the rest was searched as a phrase.'],
    })
    expect(notes('"open')).toEqual(['The opening quote was not closed; the rest was searched as a phrase.'])
    expect(notes('deep "')).toEqual(['The quote after “deep” was not closed and was ignored.'])
  })

  it('reads a long unclosed rest as words', () => {
    const rest = Array.from({ length: 30 }, (_, i) => `word${i}`).join(' ')
    const q = parseQuery(`"${rest}`)
    expect(q.groups).toHaveLength(30)
    expect(q.notes).toEqual(['The opening quote was not closed; the rest was searched as words.'])
  })

  it('ignores empty quotes and quotes around punctuation, saying so', () => {
    expect(parseQuery('"" x')).toMatchObject({ groups: [[{ tokens: ['x'] }]], notes: ['Empty quotes were ignored.'] })
    expect(notes('"?!" x')).toEqual(['“?!” has no letters or digits and was ignored.'])
  })
})

describe('exclusions', () => {
  it('excludes words, phrases and field atoms after a minus', () => {
    expect(parseQuery('transformer -vision -"image classification" -author:smith -au:"Jane Doe"')).toMatchObject({
      groups: [[{ tokens: ['transformer'] }]],
    })
    expect(excluded('transformer -vision -"image classification" -author:smith -au:"Jane Doe"')).toEqual([
      'vision',
      '"image classification"',
      'author:smith',
      'author:"jane doe"',
    ])
  })

  it('keeps the minus inside a word as part of it', () => {
    expect(groups('self-attention')).toEqual([['selfattention']])
    expect(excluded('self-attention')).toEqual([])
  })

  it('ignores a minus with nothing after it, and a double minus', () => {
    expect(parseQuery('graph - neural')).toMatchObject({ notes: ['A “-” with nothing after it was ignored.'] })
    expect(groups('graph - neural')).toEqual([['graph'], ['neural']])
    expect(parseQuery('graph --neural')).toMatchObject({ notes: ['“--” is not an operator and was ignored.'] })
    expect(groups('graph --neural')).toEqual([['graph'], ['neural']])
  })
})

describe('OR', () => {
  it('puts the atoms on either side in one group', () => {
    expect(groups('graph neural OR spiking network')).toEqual([['graph'], ['neural', 'spiking'], ['network']])
  })

  it('chains, and reads | the same way', () => {
    expect(groups('bert OR gpt OR t5')).toEqual([['bert', 'gpt', 't5']])
    expect(groups('bert | gpt|t5')).toEqual([['bert', 'gpt', 't5']])
  })

  it('joins phrases and field atoms too', () => {
    expect(groups('"language model" OR author:bengio')).toEqual([['"language model"', 'author:bengio']])
  })

  it('is an ordinary word in lowercase', () => {
    expect(groups('graph or tree')).toEqual([['graph'], ['tree']])
  })

  it('ignores an OR at either end, doubled, or next to an exclusion, saying so', () => {
    for (const text of ['OR graph', 'graph OR', 'graph OR OR tree', 'graph OR -tree']) {
      expect(notes(text), text).toEqual(['An OR without a word on each side was ignored.'])
    }
    expect(groups('graph OR -tree')).toEqual([['graph']])
  })

  it('between categories, which are alternatives anyway, needs no note', () => {
    expect(parseQuery('cat:cs.LG OR cat:stat.ML')).toMatchObject({ categories: ['cs.lg', 'stat.ml'], notes: [] })
  })
})

describe('fields', () => {
  it('limits a word or a phrase to the title, abstract or authors, in arXiv spellings too', () => {
    expect(
      groups('title:transformer ti:bert abstract:graph abs:"node classification" author:"Yann LeCun" au:hinton'),
    ).toEqual([
      ['title:transformer'],
      ['title:bert'],
      ['abstract:graph'],
      ['abstract:"node classification"'],
      ['author:"yann lecun"'],
      ['author:hinton'],
    ])
  })

  it('reads field names in any case', () => {
    expect(groups('Title:BERT AUTHOR:Hinton')).toEqual([['title:bert'], ['author:hinton']])
  })

  it('reads an unknown field as words', () => {
    expect(groups('foo:bar')).toEqual([['foo'], ['bar']])
  })

  it('ignores a field with nothing after it, saying so', () => {
    expect(parseQuery('title: transformer')).toMatchObject({
      groups: [[{ field: 'all', tokens: ['transformer'] }]],
      notes: ['“title:” had nothing after it and was ignored.'],
    })
  })
})

describe('cat: and year:', () => {
  it('reads categories and archives, lowercased, sorted, any of them', () => {
    expect(parseQuery('cat:cs.LG cat:hep-th cat:cs cat:cond-mat.stat-mech cat:CS.lg')).toMatchObject({
      groups: [],
      categories: ['cond-mat.stat-mech', 'cs', 'cs.lg', 'hep-th'],
    })
  })

  it('ignores what is not a category, saying so', () => {
    expect(parseQuery("cat:cs.LG'; x")).toMatchObject({
      categories: [],
      notes: ["“cs.LG';” is not an arXiv category, so cat: was ignored."],
    })
  })

  it('reads a year and a range of years, swapping a reversed one', () => {
    expect(parseQuery('year:2024').years).toEqual({ from: 2024, until: 2024 })
    expect(parseQuery('year:2022..2024').years).toEqual({ from: 2022, until: 2024 })
    expect(parseQuery('year:2024..2022').years).toEqual({ from: 2022, until: 2024 })
  })

  it('ignores a year out of range or badly written, saying so', () => {
    for (const text of ['year:999', 'year:0999', 'year:9999', 'year:24', 'year:2022-2024', 'year:2022..', 'year:']) {
      const q = parseQuery(text)
      expect(q.years, text).toBeNull()
      expect(q.notes, text).toHaveLength(1)
    }
  })

  it('does not exclude a category or a year, saying so', () => {
    expect(parseQuery('-cat:cs.CV graph')).toMatchObject({
      categories: [],
      excluded: [],
      notes: ['Excluding a category is not supported; “-cat:cs.CV” was ignored.'],
    })
  })
})

describe('prefixes', () => {
  it('reads a trailing star as a prefix, folded but not stemmed', () => {
    expect(groups('lang* Schrö* title:transf*')).toEqual([['lang*'], ['schro*'], ['title:transf*']])
    expect(groups('pre-train*')).toEqual([['pretrain*']])
  })

  it('reads a prefix shorter than 3 letters as a word, saying so', () => {
    expect(parseQuery('la*')).toMatchObject({
      groups: [[{ tokens: ['la'], prefix: false }]],
      notes: ['A prefix needs at least 3 letters; “la*” was searched as a word.'],
    })
  })

  it('ignores a star alone', () => {
    expect(parseQuery('* graph')).toMatchObject({ groups: [[{ tokens: ['graph'] }]], notes: [] })
  })
})

describe('hostile input', () => {
  it('reads FTS5, tsquery and SQL syntax as punctuation', () => {
    expect(groups("NEAR(graph network, 5) ^title :* &! (a) b:* '; DROP TABLE papers; --")).toEqual([
      ['near'],
      ['graph'],
      ['network'],
      ['5'],
      ['title'],
      ['b'],
      ['drop'],
      ['table'],
      ['paper'],
    ])
  })

  it('ignores emoji, control characters and lone surrogates', () => {
    expect(groups('graph🔥\u0000neural\u0007\uD800network\uDFFF 🚀')).toEqual([['graph'], ['neural'], ['network']])
  })

  it('removes invisible characters inside words', () => {
    expect(groups('pre\u00ADtraining trans\u200Bformer')).toEqual([['pretraining'], ['transformer']])
  })

  it(`reads only the first ${MAX_QUERY_CHARS} characters, saying so`, () => {
    const q = parseQuery('graph ' + 'x'.repeat(10_000))
    expect(q.notes).toContain(`The query was longer than ${MAX_QUERY_CHARS} characters; only its start was searched.`)
    expect(q.groups.flat().every((a) => a.tokens.every((t) => t.length <= 40))).toBe(true)
  })

  it(`reads at most ${MAX_ATOMS} words and phrases, saying so`, () => {
    const many = Array.from({ length: 50 }, (_, i) => `w${i}`)
    const q = parseQuery(many.join(' ') + ' -x "p q"')
    expect(q.groups).toHaveLength(MAX_ATOMS)
    expect(q.excluded).toEqual([])
    expect(q.notes).toEqual([`Only the first ${MAX_ATOMS} words and phrases were searched.`])
  })
})

describe('formatQuery', () => {
  it('writes every spelling of one query the same way', () => {
    const spellings = [
      'ti:Transformers au:"Yann  LeCun" -Vision bert|gpt cat:CS.LG cat:stat.ML year:2024..2022',
      'title:transformer author:"yann lecun" -vision gpt OR bert cat:stat.ml cat:cs.lg year:2022..2024',
      '  TITLE:transformers   AUTHOR:“Yann LeCun”  bert OR gpt -vision  year:2022..2024 cat:cs.lg cat:stat.ml ',
    ]
    const written = spellings.map((s) => formatQuery(parseQuery(s)))
    expect(written[0]).toBe(
      'title:transformer author:"yann lecun" bert OR gpt -vision cat:cs.lg cat:stat.ml year:2022..2024',
    )
    expect(new Set(written).size).toBe(1)
  })

  it('quotes a common word that was kept, so that it stays when read again', () => {
    expect(formatQuery(parseQuery('"the" transformer'))).toBe('"the" transformer')
    expect(formatQuery(parseQuery('the'))).toBe('"the"')
  })

  it('writes a prefix with its star and a single year alone', () => {
    expect(formatQuery(parseQuery('lang* year:2024..2024'))).toBe('lang* year:2024')
  })
})

describe('isEmptyQuery', () => {
  it('is empty with nothing to look for and nothing to filter by', () => {
    expect(isEmptyQuery(parseQuery(''))).toBe(true)
    expect(isEmptyQuery(parseQuery('  -- "" ?! 🔥'))).toBe(true)
    expect(isEmptyQuery(parseQuery('-vision'))).toBe(true)
    expect(isEmptyQuery(parseQuery('graph'))).toBe(false)
    expect(isEmptyQuery(parseQuery('cat:cs.LG'))).toBe(false)
    expect(isEmptyQuery(parseQuery('year:2024'))).toBe(false)
  })
})

/** Strings made of the query language's syntax, SQL and FTS syntax, and characters that break parsers. */
const hostile = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        '"',
        '“',
        '”',
        '-',
        '--',
        '*',
        ':',
        '|',
        'OR',
        'or',
        'AND',
        'NOT',
        '(',
        ')',
        '^',
        ':*',
        '&',
        '!',
        '\\',
        'NEAR(',
        "'; drop table papers; --",
        'title:',
        'ti:',
        'au:',
        'author:',
        'abs:',
        'abstract:',
        'cat:',
        'year:',
        'cat:cs.LG',
        'year:2022..2024',
        'year:2024..2022',
        '..',
        '$\\alpha$',
        'α',
        'ﬁ',
        '﷽',
        'İ',
        'ǅ',
        '½',
        '\u0000',
        '\u0007',
        '\u001b',
        '\uD800',
        '\uDFFF',
        '\u200B',
        '\u00AD',
        '\u0301',
        '🔥',
        '👩‍🔬',
        ' ',
        '\t',
        '\n',
        'transformer',
        'pre-training',
        'GPT-4',
        'the',
        'a',
        'models',
        'x'.repeat(45),
      ),
      fc.string({ unit: 'binary', maxLength: 8 }),
      fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 8 }),
    ),
    { maxLength: 60 },
  )
  .map((parts) => parts.join(''))
const huge = fc
  .tuple(hostile, fc.integer({ min: 900, max: 10_000 }))
  .map(([s, n]) => s.repeat(Math.ceil(n / Math.max(1, s.length))))
const anyText = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), hostile, huge)

const TOKEN = /^[\p{L}\p{N}]{1,40}$/u
const withoutText = (q: ParsedQuery) => ({
  groups: q.groups.map((g) => g.map(({ text: _, ...a }) => a)),
  excluded: q.excluded.map(({ text: _, ...a }) => a),
  categories: q.categories,
  years: q.years,
})

describe('parseQuery on any input', () => {
  it('never throws, and gives only tokens of letters and digits, at most 32 atoms', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const q = parseQuery(text)
        const atoms = [...q.groups.flat(), ...q.excluded]
        expect(atoms.length).toBeLessThanOrEqual(MAX_ATOMS)
        for (const a of atoms) {
          expect(a.tokens.length).toBeGreaterThan(0)
          for (const t of a.tokens) expect(t).toMatch(TOKEN)
        }
        for (const g of q.groups) expect(g.length).toBeGreaterThan(0)
        for (const c of q.categories) expect(c).toMatch(/^[a-z.-]{1,32}$/)
      }),
      { numRuns: 5000 },
    )
  })

  it('reads its own written form back as the same query', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const q = parseQuery(text)
        const written = formatQuery(q)
        const again = parseQuery(written)
        expect(withoutText(again)).toEqual(withoutText(q))
        expect(formatQuery(again)).toBe(written)
      }),
      { numRuns: 5000 },
    )
  })
})
