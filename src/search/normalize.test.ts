import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { MAX_TOKEN_LENGTH, indexTokens, phraseTokens, prefixToken, queryWordToken } from './normalize.js'

describe('search tokens', () => {
  it('read a word in decomposed Unicode (as macOS pastes it) like its composed spelling', () => {
    expect(indexTokens('Schro\u0308dinger')).toEqual(['schrodinger'])
    expect(queryWordToken('Schro\u0308dinger')).toBe(queryWordToken('Schrödinger'))
    expect(prefixToken('Schro\u0308d')).toBe('schrod')
  })

  it('cut a long word without leaving half a surrogate pair, which PostgreSQL refuses', () => {
    const word = 'a'.repeat(MAX_TOKEN_LENGTH - 1) + '𠀀𠀀' // a letter outside the BMP across the cut
    const [token] = indexTokens(word)
    expect(token).toBe('a'.repeat(MAX_TOKEN_LENGTH - 1))
    expect(prefixToken(word)).toBe('a'.repeat(MAX_TOKEN_LENGTH - 1))
  })

  it('read back as themselves, however long the word (a query written out reads as the same query)', () => {
    expect(queryWordToken('x'.repeat(39) + 'ss' + 'y')).toBe(
      queryWordToken(queryWordToken('x'.repeat(39) + 'ss' + 'y')!),
    )
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (text) => {
        for (const token of indexTokens(text)) {
          expect(token).toMatch(/^[\p{L}\p{N}]{1,40}$/u)
          expect(queryWordToken(token)).toBe(token)
          expect(phraseTokens(token)).toEqual([token])
        }
      }),
      { numRuns: 3000 },
    )
  })
})
