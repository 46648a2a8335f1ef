import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  arxivAbsUrl,
  arxivPdfUrl,
  findArxivId,
  isArxivId,
  localIdFor,
  looksLikeArxivId,
  parseArxivId,
  parsePaperId,
} from './arxiv-id.js'

describe('new-style arXiv ids', () => {
  it('reads an id without a version', () => {
    expect(parseArxivId('2401.00001')).toEqual({ id: '2401.00001', version: null })
  })

  it('reads the version apart from the id', () => {
    expect(parseArxivId('2401.00001v2')).toEqual({ id: '2401.00001', version: 2 })
    expect(parseArxivId('2401.00001v12')).toEqual({ id: '2401.00001', version: 12 })
  })

  it('takes four-digit numbers up to 1412 and five-digit numbers from 1501', () => {
    expect(parseArxivId('0704.0001')?.id).toBe('0704.0001')
    expect(parseArxivId('1412.9999')?.id).toBe('1412.9999')
    expect(parseArxivId('1501.00001')?.id).toBe('1501.00001')
    expect(parseArxivId('1412.00001')).toBeNull()
    expect(parseArxivId('1501.0001')).toBeNull()
    expect(parseArxivId('2401.0001')).toBeNull()
  })

  it('rejects month 00 and months past 12', () => {
    expect(parseArxivId('2400.00001')).toBeNull()
    expect(parseArxivId('2413.00001')).toBeNull()
    expect(parseArxivId('0713.0001')).toBeNull()
  })

  it('rejects numbers of the wrong length and a dangling version mark', () => {
    for (const s of ['2401.000011', '2401.001', '2401.00001v', '2401.00001v1234', '240.00001', '2401-00001']) {
      expect(parseArxivId(s), s).toBeNull()
    }
  })

  it('ignores surrounding whitespace', () => {
    expect(parseArxivId('  2401.00001v3\n')).toEqual({ id: '2401.00001', version: 3 })
  })
})

describe('old-style arXiv ids', () => {
  it('reads archive and number', () => {
    expect(parseArxivId('hep-th/9901001')).toEqual({ id: 'hep-th/9901001', version: null })
    expect(parseArxivId('cond-mat/0001001v3')).toEqual({ id: 'cond-mat/0001001', version: 3 })
    expect(parseArxivId('math/0601001')).toEqual({ id: 'math/0601001', version: null })
  })

  it('keeps a subject class', () => {
    expect(parseArxivId('math.AG/0601001v2')).toEqual({ id: 'math.AG/0601001', version: 2 })
  })

  it('rejects an invalid month, a wrong-length number and an upper-case archive', () => {
    expect(parseArxivId('hep-th/9913001')).toBeNull()
    expect(parseArxivId('hep-th/9900001')).toBeNull()
    expect(parseArxivId('hep-th/99010010')).toBeNull()
    expect(parseArxivId('hep-th/990101')).toBeNull()
    expect(parseArxivId('HEP-TH/9901001')).toBeNull()
  })
})

describe('parsing an arbitrary new-style id', () => {
  const newStyle = fc
    .record({
      yy: fc.integer({ min: 7, max: 99 }),
      mm: fc.integer({ min: 1, max: 12 }),
      n: fc.integer({ min: 1, max: 99_999 }),
      version: fc.option(fc.integer({ min: 1, max: 999 }), { nil: null }),
    })
    .filter(({ yy, n }) => yy >= 15 || n <= 9_999)
    .filter(({ yy, mm }) => yy * 100 + mm >= 704) // new-style ids began in April 2007

  it('gives back the id it was written from, with its version', () => {
    fc.assert(
      fc.property(newStyle, ({ yy, mm, n, version }) => {
        const id = `${pad(yy, 2)}${pad(mm, 2)}.${pad(n, yy >= 15 ? 5 : 4)}`
        expect(parseArxivId(version === null ? id : `${id}v${version}`)).toEqual({ id, version })
      }),
    )
  })
})

describe('ids that never existed', () => {
  it('rejects new-style ids from before April 2007 and version 0', () => {
    expect(parseArxivId('0612.0001')).toBeNull()
    expect(parseArxivId('0703.9999')).toBeNull()
    expect(parseArxivId('0704.0001')).toEqual({ id: '0704.0001', version: null })
    expect(parseArxivId('2401.00001v0')).toBeNull()
    expect(parseArxivId('hep-th/9901001v0')).toBeNull()
  })

  it('still look like ids, unlike text that has no id shape at all', () => {
    for (const id of ['0000.00000', '0612.0001', '2413.00001', '2401.0001', 'hep-th/9913001', '2401.00001v0']) {
      expect(looksLikeArxivId(id), id).toBe(true)
    }
    for (const text of ['not-an-id', '2401.00001.pdf', '2401-00001', 'HEP-TH/9901001', '12345.00001', '']) {
      expect(looksLikeArxivId(text), text).toBe(false)
    }
  })

  it('count every valid id as looking like one', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1501, max: 9912 }), fc.integer({ min: 0, max: 99999 }), (yymm, n) => {
        const id = `${yymm}.${String(n).padStart(5, '0')}`
        return !isArxivId(id) || looksLikeArxivId(id)
      }),
    )
  })
})

describe('finding an arXiv id in pasted text', () => {
  it('strips an arXiv: prefix in any case', () => {
    expect(findArxivId('arXiv:2401.00001v2')).toEqual({ id: '2401.00001', version: 2 })
    expect(findArxivId('ARXIV: 2401.00001')).toEqual({ id: '2401.00001', version: null })
    expect(findArxivId('arxiv:hep-th/9901001')).toEqual({ id: 'hep-th/9901001', version: null })
  })

  it('reads abs, pdf and html URLs', () => {
    expect(findArxivId('https://arxiv.org/abs/2401.00001')?.id).toBe('2401.00001')
    expect(findArxivId('https://arxiv.org/pdf/2401.00001v2.pdf')).toEqual({ id: '2401.00001', version: 2 })
    expect(findArxivId('https://arxiv.org/pdf/2401.00001v2')).toEqual({ id: '2401.00001', version: 2 })
    expect(findArxivId('https://www.arxiv.org/html/2401.00001v1/')).toEqual({ id: '2401.00001', version: 1 })
    expect(findArxivId('http://export.arxiv.org/abs/hep-th/9901001v2')).toEqual({ id: 'hep-th/9901001', version: 2 })
  })

  it('reads Hugging Face paper URLs, long and short', () => {
    expect(findArxivId('https://huggingface.co/papers/2401.00001')).toEqual({ id: '2401.00001', version: null })
    expect(findArxivId('huggingface.co/papers/2401.00001v3')).toEqual({ id: '2401.00001', version: 3 })
    expect(findArxivId('https://hf.co/papers/2401.00001/')?.id).toBe('2401.00001')
    expect(findArxivId('https://huggingface.co/papers/2401.00001#community')?.id).toBe('2401.00001')
    expect(findArxivId('https://huggingface.co/papers/trending')).toBeNull()
    expect(findArxivId('https://huggingface.co/models/2401.00001')).toBeNull()
  })

  it('ignores a query string or fragment on the URL', () => {
    expect(findArxivId('https://arxiv.org/abs/2401.00001?context=cs')?.id).toBe('2401.00001')
    expect(findArxivId('https://arxiv.org/abs/2401.00001#S2')?.id).toBe('2401.00001')
  })

  it('takes a bare id with whitespace around it', () => {
    expect(findArxivId('  2401.00001 ')?.id).toBe('2401.00001')
  })

  it('finds nothing in other sites, prose or an invalid id in an arXiv URL', () => {
    expect(findArxivId('https://example.org/abs/2401.00001')).toBeNull()
    expect(findArxivId('see 2401.00001')).toBeNull()
    expect(findArxivId('https://arxiv.org/abs/2413.00001')).toBeNull()
    expect(findArxivId('large language models')).toBeNull()
  })
})

describe('local ids for papers without an arXiv id', () => {
  it('is a lower-case slug of the title', () => {
    expect(localIdFor('Attention Is All You Need')).toBe('local-attention-is-all-you-need')
    expect(localIdFor('  Fine-tuning LLMs: 2x faster!  ')).toBe('local-fine-tuning-llms-2x-faster')
  })

  it('drops accents instead of splitting words at them', () => {
    expect(localIdFor('Über Modelle für Vulić')).toBe('local-uber-modelle-fur-vulic')
  })

  it('names a title with no letters or digits “untitled”', () => {
    expect(localIdFor('')).toBe('local-untitled')
    expect(localIdFor('!!! ???')).toBe('local-untitled')
  })

  it('is at most 80 characters and never ends with a hyphen', () => {
    expect(localIdFor('a'.repeat(200))).toHaveLength(80)
    const cut = localIdFor('word '.repeat(40))
    expect(cut.length).toBeLessThanOrEqual(80)
    expect(cut).not.toMatch(/-$/)
  })

  it('is accepted as a paper id for any title, and is no arXiv id', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 150 }), (title) => {
        const id = localIdFor(title)
        expect(parsePaperId(id)).toEqual({ id, version: null })
        expect(isArxivId(id)).toBe(false)
      }),
    )
  })
})

describe('paper ids in URLs', () => {
  it('accepts arXiv ids in both styles and local ids', () => {
    expect(parsePaperId('2401.00001v2')).toEqual({ id: '2401.00001', version: 2 })
    expect(parsePaperId('hep-th/9901001')).toEqual({ id: 'hep-th/9901001', version: null })
    expect(parsePaperId('local-model-soups')).toEqual({ id: 'local-model-soups', version: null })
  })

  it('rejects malformed local ids and path tricks', () => {
    for (const s of [
      'local-',
      'local-Upper',
      'local-a--b',
      'local-a-',
      `local-${'a'.repeat(80)}`,
      '../etc/passwd',
      '',
    ]) {
      expect(parsePaperId(s), s).toBeNull()
    }
  })

  it('links to arXiv’s abstract and PDF pages', () => {
    expect(arxivAbsUrl('hep-th/9901001')).toBe('https://arxiv.org/abs/hep-th/9901001')
    expect(arxivPdfUrl('2401.00001')).toBe('https://arxiv.org/pdf/2401.00001')
  })
})

const pad = (n: number, width: number) => String(n).padStart(width, '0')
