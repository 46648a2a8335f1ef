import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { indexTokens, phraseTokens, prefixToken, queryWordToken } from './normalize.js'
import { MAX_TOKEN_LENGTH } from './token-form.js'

describe('search tokens', () => {
  it('read a word in decomposed Unicode (as macOS pastes it) like its composed spelling', () => {
    expect(indexTokens('Schro\u0308dinger')).toEqual(['schrodinger'])
    expect(queryWordToken('Schro\u0308dinger')).toBe(queryWordToken('Schrödinger'))
    expect(prefixToken('Schro\u0308d')).toBe('schrod')
  })

  it('read TeX in a word as the word it prints as, so that typing it plainly finds it', () => {
    expect(indexTokens('$\\beta$-VAE')).toContain(queryWordToken('β-VAE'))
    expect(indexTokens('$p$-adic')).toContain(queryWordToken('p-adic'))
    expect(indexTokens('H$\\alpha$-MUSE')).toContain(queryWordToken('Hα-MUSE'))
    expect(indexTokens('G{\\"o}del and Schr\\"odinger')).toEqual(['godel', 'and', 'schrodinger'])
    expect(indexTokens('$\\mathcal{O}(n)$ time')).toEqual(['o', 'n', 'time'])
  })

  it('read formulas, scripts and font commands as the word they print as', () => {
    const sameWord = (tex: string, typed: string) => expect(indexTokens(tex), tex).toContain(queryWordToken(typed))
    sameWord('CeAg$_2$Ge$_2$', 'CeAg₂Ge₂')
    sameWord('CeAg$_2$Ge$_2$', 'CeAg2Ge2')
    sameWord('$^{3}$He', '³He')
    sameWord('X^{2}-Gaussian', 'X²-Gaussian') // Hugging Face's copies drop the $
    sameWord('$\\ell_1$-norm', 'ℓ1-norm')
    sameWord('$\\ell_1$-norm', 'l1-norm')
    sameWord('$\\mathbf{\\texttt{D}}$ual', 'Dual')
    sameWord('\\(X\\)-evolve', 'X-evolve')
    expect(indexTokens('$O(n\\log n)$ and $a \\times b$')).toEqual(['o', 'n', 'n', 'and', 'a', 'b'])
  })

  it('join words across an en dash, as TeX writes one, so that a hyphen typed instead finds them', () => {
    expect(indexTokens('Temperley--Lieb algebras')).toContain(queryWordToken('Temperley-Lieb'))
    expect(indexTokens('Navier–Stokes')).toContain(queryWordToken('Navier-Stokes'))
    expect(indexTokens('results -- which')).toEqual(['result', 'which'])
  })

  it('read a plural and its singular alike, sibilant and Greek plurals too', () => {
    const pairs = [
      ['models', 'model'],
      ['studies', 'study'],
      ['types', 'type'],
      ['processes', 'process'],
      ['approaches', 'approach'],
      ['boxes', 'box'],
      ['meshes', 'mesh'],
      ['caches', 'cache'],
      ['losses', 'loss'],
      ['analyses', 'analysis'],
      ['hypotheses', 'hypothesis'],
      ['purposes', 'purpose'],
    ]
    for (const [plural, singular] of pairs) expect(queryWordToken(plural!), plural).toBe(queryWordToken(singular!))
    expect(queryWordToken('process')).toBe('process')
    expect(queryWordToken('bus')).toBe('bus')
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
