import { readFileSync } from 'node:fs'
import { gunzipSync } from 'node:zlib'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { indexText, indexTokens, words, wordsByPattern } from './normalize.js'
import { stem } from './token-form.js'

// 59,859 real arXiv papers: their titles, abstracts and author names, TeX and all.
const LISTINGS = new URL('../../../shared/data/arxiv-listings/papers.jsonl.gz', import.meta.url)

/** The index tokens as the regular expression reads them, one object a word: the reference. */
function tokensOfWords(text: string): string[] {
  const all = wordsByPattern(text)
  return [...all.flatMap((w) => w.parts), ...all.flatMap((w) => (w.joined ? [w.joined] : []))]
}

describe('index tokens read in one pass', () => {
  it('are the tokens the pattern reads, for the titles, abstracts and authors of a third of the real listings', () => {
    const lines = gunzipSync(readFileSync(LISTINGS)).toString('utf8').split('\n').filter(Boolean)
    expect(lines.length).toBeGreaterThan(50_000)
    let differing = 0
    const examples: string[] = []
    // Every third paper: ~20,000 of them, TeX and all, in seconds even on a busy machine.
    for (const line of lines.filter((_, i) => i % 3 === 0)) {
      const paper = JSON.parse(line) as { title: string; abstract: string; authors: string[] }
      for (const text of [paper.title, paper.abstract, ...paper.authors]) {
        const reference = tokensOfWords(text)
        if (
          JSON.stringify(indexTokens(text)) === JSON.stringify(reference) &&
          indexText(text) === reference.join(' ') &&
          JSON.stringify(words(text)) === JSON.stringify(wordsByPattern(text))
        )
          continue
        differing++
        if (examples.length < 5) examples.push(text)
      }
    }
    expect(examples).toEqual([])
    expect(differing).toBe(0)
  }, 120_000)

  it('are the tokens and words the pattern reads, for text made of joiners, TeX marks, glue and plural endings', () => {
    const piece = fc.constantFrom(
      ...['a', 'Z', 'x', 's', 'es', 'ies', 'sses', 'ches', 'yses', '0', '9', ' ', "'", "'s", '’', '-', '--', '---'],
      ...['.', '/', '$', '\\alpha', '\\"o', '{', '}', '_', '^', '\\(', '\\)', '\x01', 'é', 'Ω', ',', 'model', 'S'],
    )
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
        const text = pieces.join('')
        const reference = tokensOfWords(text)
        expect(indexTokens(text)).toEqual(reference)
        expect(indexText(text)).toBe(reference.join(' '))
        // The words with their places, as highlighting reads them: the same offsets to the character.
        expect(words(text)).toEqual(wordsByPattern(text))
      }),
      { numRuns: 20_000 },
    )
  })

  it('stem every plural ending as stem() does, on the bytes of the text', () => {
    const ending = fc.constantFrom(
      ...['s', 'es', 'ies', 'e', 'x', 'ch', 'sh', 'zz', 'ss', 'y', 'a', 'o', 'u', 'i', 'ys', 'eses'],
    )
    fc.assert(
      fc.property(
        fc.array(ending, { minLength: 1, maxLength: 5 }),
        fc.stringMatching(/^[a-z0-9]{0,3}$/),
        (endings, stemPart) => {
          const word = stemPart + endings.join('')
          expect(indexText(word)).toBe(stem(word.slice(0, 40)))
          expect(indexText(`x-${word}`)).toBe(`x ${stem(word.slice(0, 40))} ${stem(`x${word}`.slice(0, 40))}`)
        },
      ),
      { numRuns: 20_000 },
    )
  })

  it('are the tokens the pattern reads for a text longer than the buffers kept between texts', () => {
    const text = "Pre-training of models on the analyses of caches, x--y and Bob's data. ".repeat(20_000)
    expect(text.length).toBeGreaterThan(1 << 20)
    expect(indexText(text)).toBe(tokensOfWords(text).join(' '))
    // A short text after it reads the same in the buffers kept.
    expect(indexText('Large Language Models')).toBe('large language model')
  })

  it('cut a long word as the pattern does', () => {
    for (const text of ['a'.repeat(45), `${'b'.repeat(39)}-${'c'.repeat(39)}s`, `x${'\x01'.repeat(50)}y`]) {
      expect(words(text)).toEqual(wordsByPattern(text))
      expect(indexTokens(text)).toEqual(tokensOfWords(text))
      expect(indexText(text)).toBe(tokensOfWords(text).join(' '))
    }
  })
})
