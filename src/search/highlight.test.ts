import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { highlight, matchedRanges, type Segment, snippet } from './highlight.js'
import { words } from './normalize.js'
import { parseQuery } from './query.js'

/** Segments as text with the highlighted parts in [brackets], to read the tests at a glance. */
const marked = (segs: Segment[]) => segs.map((s) => (s.type === 'highlight' ? `[${s.text}]` : s.text)).join('')
const hl = (text: string, query: string) => marked(highlight(text, parseQuery(query)))

describe('highlight', () => {
  it('highlights the words the query looks for, whatever their case or number', () => {
    expect(hl('Graph Neural Networks for a graph', 'graph network')).toBe('[Graph] Neural [Networks] for a [graph]')
  })

  it('merges neighbouring highlighted words apart only by spaces, not across punctuation', () => {
    expect(hl('Large Language Models, language models', 'language model')).toBe(
      'Large [Language Models], [language models]',
    )
  })

  it('highlights a compound by its joined form or one of its parts', () => {
    expect(hl('Pre-training and pretraining', 'pre-training')).toBe('[Pre-training] and [pretraining]')
    expect(hl('GPT-4 and GPT-3', 'gpt')).toBe('[GPT-4] and [GPT-3]')
  })

  it('highlights the words that start with a prefix', () => {
    expect(hl('Language, languages and langevin dynamics in a lane', 'lang*')).toBe(
      '[Language], [languages] and [langevin] dynamics in a lane',
    )
  })

  it('highlights a phrase only where its words stand together', () => {
    expect(hl('in-context learning beats context and learning', '"in context learning"')).toBe(
      '[in-context learning] beats context and learning',
    )
  })

  it('never highlights an excluded word', () => {
    expect(hl('vision and language', 'language -vision')).toBe('vision and [language]')
  })

  it('highlights Greek letters typed as letters, names or TeX, keeping TeX math whole', () => {
    expect(hl('The $\\alpha$-divergence and α decay', 'alpha')).toBe('The [$\\alpha$-divergence] and [α] decay')
    expect(hl('$p$-adic and $\\beta$ ensembles', 'beta padic')).toBe('[$p$-adic] and [$\\beta$] ensembles')
  })

  it('with a field, leaves out atoms limited to another field', () => {
    const q = parseQuery('author:smith title:graph neural')
    expect(marked(highlight('Smith graph neural', q, 'title'))).toBe('Smith [graph neural]')
    expect(marked(highlight('Smith graph neural', q))).toBe('[Smith graph neural]')
  })

  it('gives nothing for empty text and one text segment without a match', () => {
    expect(highlight('', parseQuery('graph'))).toEqual([])
    expect(highlight('no match here', parseQuery('graph'))).toEqual([{ type: 'text', text: 'no match here' }])
  })
})

const ABSTRACT =
  'We study optimization. '.repeat(15) +
  'Our method improves in-context learning of large language models by a wide margin. ' +
  'Experiments confirm it. '.repeat(15)

describe('snippet', () => {
  it('keeps a short text whole', () => {
    expect(marked(snippet('Graph networks.', parseQuery('graph'), 300))).toBe('[Graph] networks.')
  })

  it('shows the window with the most matched words, cut at words, with ellipses where it cut', () => {
    const text = marked(snippet(ABSTRACT, parseQuery('"in-context learning" language models'), 120))
    expect(text).toMatch(/^…/)
    expect(text).toMatch(/…$/)
    expect(text).toContain('[in-context learning] of large [language models]')
    expect(text.replace(/[[\]…]/g, '').length).toBeLessThanOrEqual(120)
    // Cut at word boundaries: the window starts and ends with whole words.
    expect(text).toMatch(/^…[A-Za-z[]/)
    expect(ABSTRACT).toContain(text.replace(/[[\]]/g, '').replace(/^…|…$/g, ''))
  })

  it('prefers the window with more matched words to the first match', () => {
    const text =
      'A graph here. ' +
      'Filler words only. '.repeat(10) +
      'Graph neural graph networks on graphs. ' +
      'More filler. '.repeat(10)
    const shown = marked(snippet(text, parseQuery('graph'), 60))
    expect(shown).toContain('[Graph] neural [graph] networks on [graphs]')
    expect(shown).not.toContain('A [graph] here')
  })

  it('shows the start of the text when nothing matched', () => {
    const text = marked(snippet(ABSTRACT, parseQuery('zebra'), 50))
    expect(text).toBe('We study optimization. We study optimization. We…')
  })

  it('cuts one word longer than the window', () => {
    expect(marked(snippet('x'.repeat(50), parseQuery('graph'), 10))).toBe('xxxxxxxxxx…')
  })
})

const texts = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 400 }),
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 200 }),
  fc
    .array(
      fc.constantFrom(
        'graph',
        'Graphs',
        'neural-net',
        ' ',
        '  ',
        ', ',
        '$\\alpha$',
        'α',
        'lang',
        'langevin',
        '🔥',
        '\uD800',
        '-',
      ),
      {
        maxLength: 80,
      },
    )
    .map((p) => p.join('')),
)
const queries = fc
  .array(fc.constantFrom('graph', '"neural net"', 'lang*', '-graph', 'alpha', 'title:graph', 'x OR neural', '"'), {
    maxLength: 5,
  })
  .map((p) => parseQuery(p.join(' ')))

describe('highlight on any text', () => {
  it('gives segments that join into the text exactly, without empty or doubled text segments', () => {
    fc.assert(
      fc.property(texts, queries, (text, q) => {
        const segs = highlight(text, q)
        expect(segs.map((s) => s.text).join('')).toBe(text)
        for (const s of segs) expect(s.text.length).toBeGreaterThan(0)
        for (let i = 1; i < segs.length; i++)
          expect(segs[i]!.type === 'text' && segs[i - 1]!.type === 'text').toBe(false)
      }),
      { numRuns: 3000 },
    )
  })

  it('gives snippets that are a part of the text within the limit', () => {
    fc.assert(
      fc.property(texts, queries, fc.integer({ min: 1, max: 200 }), (text, q, max) => {
        const shown = snippet(text, q, max)
          .map((s) => s.text)
          .join('')
        // What is between the ellipses (if any) is a part of the text, of at most max characters.
        const bodies = [shown, shown.replace(/^…/, ''), shown.replace(/…$/, ''), shown.replace(/^…|…$/g, '')]
        if (text.length <= max) expect(shown).toBe(text)
        else expect(bodies.some((b) => b.length <= max && text.includes(b))).toBe(true)
      }),
      { numRuns: 3000 },
    )
  })

  it('finds the same words whether it reads every word whole or only those that may match', () => {
    // Words whose token starts elsewhere than the word would be missed: plurals, TeX, compounds,
    // short words, digits, ASCII and past it, in every field.
    const word = fc.constantFrom(
      'Graphs',
      'graph',
      'ties',
      'Studies',
      'is',
      'pre-training',
      "Bob's",
      'GPT-4',
      '$\\alpha$-VAE',
      'G{\\"o}del',
      'x^2',
      'caches',
      'analyses',
      'Model',
      'models',
      'language',
      'Language',
      'big',
      '3D',
      'café',
      'neural-net',
      'tty',
      'ty',
      '$_2$',
      'in-context',
      'learning',
      'e.g.',
      'i/o',
      "don't",
      'Navier--Stokes',
      'in-context-learning',
      'GPT-4o',
      'pre-trained',
      'Graph-based',
      ', ',
      '. ',
      ' (',
    )
    const text = fc.array(word, { maxLength: 40 }).map((w) => w.join(' '))
    const asked = fc
      .array(
        fc.constantFrom(
          'graph',
          'ty',
          'study',
          'is',
          'pretraining',
          'pre',
          'bob',
          'gpt',
          'alpha',
          'vae',
          'gödel',
          'x',
          'cach',
          'analysis',
          'model',
          '"language model"',
          '"big language"',
          'lang*',
          'mo*',
          '3d',
          'cafe',
          '"in context learning"',
          'training',
          'context',
          'net',
          'title:model',
          'author:big',
          '-graph',
          'learning',
          '"pre training"',
          '"context learning"',
          'stokes',
          'io',
          'don',
          '4o',
          'based',
        ),
        { minLength: 1, maxLength: 4 },
      )
      .map((p) => parseQuery(p.join(' ')))
    fc.assert(
      fc.property(text, asked, fc.constantFrom(undefined, 'title' as const, 'author' as const), (t, q, field) => {
        expect(matchedRanges(t, q, field)).toEqual(matchedRanges(t, q, field, words(t)))
      }),
      { numRuns: 3000 },
    )
  })
})
