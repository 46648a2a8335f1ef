import { describe, expect, it } from 'vitest'
import { embed, paperTokens, termWeights, trainModel } from './model.js'
import { seededRandom } from './seeded-random.js'

// Two topics whose papers share no word across topics but many within: LSA must put "pretraining"
// and "finetuning" near each other because they occur in the same papers, never side by side.
const LANGUAGE = ['pretraining', 'finetuning', 'transfer', 'corpus', 'tokens', 'language']
const STARS = ['galaxy', 'redshift', 'stellar', 'halo', 'telescope', 'luminosity']
const docs = Array.from({ length: 40 }, (_, i) => {
  const words = i % 2 === 0 ? LANGUAGE : STARS
  // Three neighbouring words of the topic's six, in turn.
  return [0, 1, 2].map((k) => words[(Math.floor(i / 2) + k) % words.length]!).concat(['we', 'study'])
})

describe('the model of meaning', () => {
  const model = trainModel(docs, seededRandom(1), 2) // one dimension a topic
  const cosine = (a: Float32Array, b: Float32Array) => a.reduce((s, x, i) => s + x * b[i]!, 0)

  it('embeds unit vectors, and words of one topic close together, across topics apart', () => {
    const pretraining = embed(model, ['pretraining'])
    expect(cosine(pretraining, pretraining)).toBeCloseTo(1, 5)
    expect(cosine(pretraining, embed(model, ['finetuning']))).toBeGreaterThan(0.8)
    expect(Math.abs(cosine(pretraining, embed(model, ['galaxy'])))).toBeLessThan(0.2)
  })

  it('leaves out words in more than half the papers, and gives unknown words no direction', () => {
    expect(model.index.has('we')).toBe(false)
    expect([...embed(model, ['unheard'])].every((x) => x === 0)).toBe(true)
  })

  it('weighs a word by sublinear tf times idf, normalized', () => {
    const weights = termWeights(model, ['galaxy', 'galaxy', 'halo'])
    expect(weights.reduce((s, [, w]) => s + w * w, 0)).toBeCloseTo(1, 5)
    const galaxy = weights.find(([i]) => model.terms[i] === 'galaxy')![1]
    const halo = weights.find(([i]) => model.terms[i] === 'halo')![1]
    expect(galaxy / halo).toBeCloseTo(
      (1 + Math.log(2)) * (model.idf[model.index.get('galaxy')!]! / model.idf[model.index.get('halo')!]!),
      4,
    )
  })

  it('counts a title twice', () => {
    expect(paperTokens('Halo mass', 'A halo.')).toEqual(['halo', 'mass', 'halo', 'mass', 'a', 'halo'])
  })
})
