import { describe, expect, it } from 'vitest'
import { collectionIdOf, collectionSlug, parseCollectionId } from './slug.js'

describe('collection addresses', () => {
  it('puts the id first and the name as lower-case words', () => {
    expect(collectionSlug(12, 'Diffusion Models: the 2026 reading!')).toBe('12-diffusion-models-the-2026-reading')
    expect(collectionSlug(3, 'Café Théorie')).toBe('3-cafe-theorie')
    expect(collectionSlug(4, '量子 計算')).toBe('4-量子-計算')
  })

  it('is the id alone when the name has no letters or digits', () => {
    expect(collectionSlug(7, '<script>')).toBe('7-script')
    expect(collectionSlug(7, '!!! ???')).toBe('7')
  })

  it('keeps long names short', () => {
    expect(collectionSlug(1, 'word '.repeat(40)).length).toBeLessThanOrEqual(62)
    expect(collectionSlug(1, 'word '.repeat(40))).not.toMatch(/-$/)
  })

  it('reads the id back from any words after it, and refuses anything else', () => {
    expect(collectionIdOf('12-diffusion-models')).toBe(12)
    expect(collectionIdOf('12-an-old-name')).toBe(12)
    expect(collectionIdOf('12')).toBe(12)
    for (const bad of ['diffusion', '-12', '1234567890-x', '12x', '']) expect(collectionIdOf(bad)).toBeNull()
  })

  it('takes ids that fit an integer column and nothing else', () => {
    expect(parseCollectionId('42')).toBe(42)
    for (const bad of [undefined, '', '0', '-1', '1e3', '9999999999', '42\u0000', ' 42']) {
      expect(parseCollectionId(bad)).toBeNull()
    }
  })
})
