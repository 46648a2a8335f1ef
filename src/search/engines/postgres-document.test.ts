import { describe, expect, it } from 'vitest'
import { categoryKeys, documentLiteral, textArrayLiteral } from './postgres-document.js'

describe('a paper as a tsvector literal', () => {
  it('weights the title A, authors B and abstract C, with a gap between fields and between authors', () => {
    expect(documentLiteral({ title: 'Deep models', authors: ['Yann LeCun', 'Ada'], abstract: 'Deep nets.' })).toBe(
      "'deep':1A,9C 'model':2A 'yann':4B 'lecun':5B 'ada':7B 'net':10C",
    )
  })

  it('keeps compounds as their parts and their joined form, as normalize.ts indexes them', () => {
    expect(documentLiteral({ title: 'Pre-training', authors: [], abstract: '' })).toBe(
      "'pre':1A 'training':2A 'pretraining':3A",
    )
  })

  it('stops positions at 16383, where PostgreSQL clamps them', () => {
    const literal = documentLiteral({ title: '', authors: [], abstract: 'w '.repeat(20_000) })
    expect(literal.endsWith(',16383C')).toBe(true)
  })
})

describe('categories as a filter reads them', () => {
  it('lowercases each category and adds its archive', () => {
    expect(categoryKeys('cs.LG stat.ML hep-th')).toEqual(['cs.lg', 'cs', 'stat.ml', 'stat', 'hep-th'])
    expect(textArrayLiteral(['a"b', 'c\\d'])).toBe('{"a\\"b","c\\\\d"}')
  })
})
