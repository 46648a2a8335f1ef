import { describe, expect, it } from 'vitest'
import { fuseRanks } from './fuse.js'
import { cosineInt8, quantize, vectorBytes, vectorFromBytes } from './quantize.js'
import { seededRandom } from './seeded-random.js'

function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0
  let na = 0
  let nb = 0
  a.forEach((x, i) => {
    dot += x * b[i]!
    na += x * x
    nb += b[i]! * b[i]!
  })
  return dot / Math.sqrt(na * nb)
}

describe('int8 vectors', () => {
  it('scale the largest component to ±127', () => {
    expect([...quantize(Float32Array.from([0.5, -0.2, 0]))]).toEqual([127, -51, 0])
    expect([...quantize(Float32Array.from([0, 0]))]).toEqual([0, 0])
  })

  it('keep cosine similarity within 0.01 over random 128-dimension vectors', () => {
    const random = seededRandom(5)
    const vector = () => Float32Array.from({ length: 128 }, () => random() - 0.5)
    for (let i = 0; i < 200; i++) {
      const a = vector()
      const b = vector()
      expect(Math.abs(cosineInt8(quantize(a), quantize(b)) - cosine(a, b))).toBeLessThan(0.01)
    }
  })

  it('round-trip through the stored bytes', () => {
    const v = Int8Array.from([1, -128, 127, 0])
    expect([...vectorFromBytes(vectorBytes(v))]).toEqual([1, -128, 127, 0])
  })
})

describe('reciprocal rank fusion', () => {
  it('lifts the cosine ranking’s first above the lexical first that cosine ranks last', () => {
    // Lexical: a, b, c, d. Cosine: b, c, d, a. K = 60 keeps the fusion gentle: a stays above c.
    const cosine = new Map([
      ['a', 0.1],
      ['b', 0.9],
      ['c', 0.8],
      ['d', 0.7],
    ])
    expect(fuseRanks(['a', 'b', 'c', 'd'], cosine).map((f) => f.id)).toEqual(['b', 'a', 'c', 'd'])
  })

  it('keeps lexical order when the cosine order agrees, and for candidates without vectors', () => {
    expect(
      fuseRanks(
        ['a', 'b'],
        new Map([
          ['a', 0.9],
          ['b', 0.1],
        ]),
      ).map((f) => f.id),
    ).toEqual(['a', 'b'])
    expect(fuseRanks(['a', 'b', 'c'], new Map()).map((f) => f.id)).toEqual(['a', 'b', 'c'])
  })
})
