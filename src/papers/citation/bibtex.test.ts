import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { toBibtex } from './bibtex.js'
import type { Paper } from '../model.js'
import { aPaper } from '../../../test/support/paper.js'

describe('BibTeX entry', () => {
  it('is an arXiv @misc entry with title, authors, year, eprint and URL', () => {
    const entry = toBibtex(
      paper({ id: '2401.00001', categories: ['cs.CL', 'cs.LG'], authors: ['Ashish Vaswani', 'Noam Shazeer'] }),
      'https://arxiv.org/abs/2401.00001',
    )
    expect(entry).toBe(
      [
        '@misc{vaswani2024attention,',
        '  title = {Attention Is All You Need},',
        '  author = {Ashish Vaswani and Noam Shazeer},',
        '  year = {2024},',
        '  eprint = {2401.00001},',
        '  archivePrefix = {arXiv},',
        '  primaryClass = {cs.CL},',
        '  url = {https://arxiv.org/abs/2401.00001},',
        '}',
      ].join('\n'),
    )
  })

  it('gives an old-style id as the eprint', () => {
    const entry = toBibtex(paper({ id: 'hep-th/9901001' }), 'https://arxiv.org/abs/hep-th/9901001')
    expect(fields(entry).eprint).toBe('hep-th/9901001')
  })

  it('gives a paper with a local id no eprint, only its URL here', () => {
    const entry = toBibtex(
      paper({ id: 'local-attention-is-all-you-need', categories: ['cs.CL'] }),
      'https://papers.example.org/papers/local-attention-is-all-you-need',
    )
    const f = fields(entry)
    expect(f).not.toHaveProperty('eprint')
    expect(f).not.toHaveProperty('archivePrefix')
    expect(f).not.toHaveProperty('primaryClass')
    expect(f.url).toBe('https://papers.example.org/papers/local-attention-is-all-you-need')
  })

  it('leaves out what is unknown instead of writing an empty field', () => {
    const entry = toBibtex(paper({ authors: [], publishedAt: null }), 'https://arxiv.org/abs/2401.00001')
    expect(Object.keys(fields(entry))).toEqual(['title', 'eprint', 'archivePrefix', 'url'])
    expect(entry).not.toMatch(/undefined|null|\{\}/)
  })

  it('adds the DOI when there is one', () => {
    expect(fields(toBibtex(paper({ doi: '10.1000/xyz123' }), 'u')).doi).toBe('10.1000/xyz123')
  })

  it('leaves out hidden authors', () => {
    const p = paper({ authors: ['Shown One', 'Shown Two'] })
    p.authors.splice(1, 0, { name: 'Hidden Person', hidden: true })
    expect(fields(toBibtex(p, 'u')).author).toBe('Shown One and Shown Two')
  })

  it('collapses the line breaks arXiv writes into long titles', () => {
    expect(fields(toBibtex(paper({ title: 'A Long Title\n  Broken   Over Lines' }), 'u')).title).toBe(
      'A Long Title Broken Over Lines',
    )
  })

  it('escapes &, % and # and leaves ones already escaped alone', () => {
    const entry = toBibtex(paper({ title: 'Q&A at 100% on C# \\& more', authors: ['Smith & Sons'] }), 'u')
    expect(fields(entry).title).toBe('Q\\&A at 100\\% on C\\# \\& more')
    expect(fields(entry).author).toBe('Smith \\& Sons')
  })

  it('keeps balanced braces, which protect capitals, and writes a stray brace as a character', () => {
    expect(fields(toBibtex(paper({ title: '{BERT}: Pre-training of {D}eep Transformers' }), 'u')).title).toBe(
      '{BERT}: Pre-training of {D}eep Transformers',
    )
    expect(fields(toBibtex(paper({ title: 'Sets {a, b and }c}' }), 'u')).title).toBe(
      'Sets {a, b and }c\\textbraceright{}',
    )
    expect(fields(toBibtex(paper({ title: 'Closing } before { opening' }), 'u')).title).toBe(
      'Closing \\textbraceright{} before \\textbraceleft{} opening',
    )
  })

  it('keeps the math and escapes of the titles that broke LaTeX, and escapes the rest', () => {
    const title = (t: string) => fields(toBibtex(paper({ title: t }), 'u')).title
    expect(title('Fixing 7,400 Bugs for 1$: Cheap Crash-Site Program Repair')).toBe(
      'Fixing 7,400 Bugs for 1\\$: Cheap Crash-Site Program Repair',
    )
    expect(title('π_RL: Online RL Fine-tuning')).toBe('\\ensuremath{\\pi}\\_RL: Online RL Fine-tuning')
    expect(title('X^{2}-Gaussian: 4D Radiative Gaussian Splatting')).toBe(
      'X\\textsuperscript{2}-Gaussian: 4D Radiative Gaussian Splatting',
    )
    expect(title('Prefill \\& Decode: $\\pi_{\\texttt{RL}}$ at 50\\%')).toBe(
      'Prefill \\& Decode: $\\pi_{\\texttt{RL}}$ at 50\\%',
    )
    expect(title('Schr\\"odinger Bridges, ~2x faster')).toBe('Schr{\\"o}dinger Bridges, \\textasciitilde{}2x faster')
  })

  it('has balanced braces and only escaped &, % and # in any title and author names', () => {
    fc.assert(
      fc.property(fc.string(), fc.array(fc.string({ minLength: 1 }), { maxLength: 5 }), (title, authors) => {
        const entry = toBibtex(paper({ title: `T${title}`, authors }), 'https://arxiv.org/abs/2401.00001')
        let depth = 0
        for (const ch of entry) {
          depth += ch === '{' ? 1 : ch === '}' ? -1 : 0
          expect(depth).toBeGreaterThanOrEqual(0)
        }
        expect(depth).toBe(0)
        expect(entry).not.toMatch(/(?<!\\)[&%#]/)
      }),
    )
  })
})

describe('citation key', () => {
  const key = (p: Paper) => /^@misc\{(.*),$/m.exec(toBibtex(p, 'u'))![1]

  it('is the first author’s family name, the year and the first real word of the title', () => {
    expect(key(paper({ title: 'Towards Robust Agents with Tools', authors: ['Ivan Vulić', 'B Two'] }))).toBe(
      'vulic2024robust',
    )
  })

  it('skips short words and stop words at the start of the title', () => {
    expect(key(paper({ title: 'A New Approach to Everything' }))).toBe('vaswani2024approach')
    expect(key(paper({ title: 'What Makes This Work' }))).toBe('vaswani2024makes')
  })

  it('still has a key without authors, year or a long word', () => {
    expect(key(paper({ title: 'On It', authors: [], publishedAt: null, id: 'hep-th/9901001' }))).toBe('hepth9901001')
  })

  it('is only letters and digits', () => {
    fc.assert(
      fc.property(fc.string(), fc.array(fc.string(), { maxLength: 3 }), (title, authors) => {
        expect(key(paper({ title: `T${title}`, authors }))).toMatch(/^[a-zA-Z0-9]+$/)
      }),
    )
  })
})

/** The fields of one entry as written by toBibtex, one per line. */
function fields(entry: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const m of entry.matchAll(/^ {2}(\w+) = \{(.*)\},$/gm)) out[m[1]!] = m[2]!
  return out
}

interface PaperOverrides extends Partial<Omit<Paper, 'authors'>> {
  authors?: string[]
}

function paper({ authors = ['Ashish Vaswani'], ...rest }: PaperOverrides = {}): Paper {
  return aPaper({
    id: '2401.00001',
    title: 'Attention Is All You Need',
    abstract: 'We propose…',
    publishedAt: '2024-01-01T00:00:00.000Z',
    authors: authors.map((name) => ({ name, hidden: false })),
    ...rest,
  })
}
