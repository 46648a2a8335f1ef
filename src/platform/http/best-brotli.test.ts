import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { bestBrotli } from './best-brotli.js'

// A listing-like body: repetitive enough that quality 11 beats quality 1 by far.
const identity = Buffer.from(
  JSON.stringify(
    Array.from({ length: 400 }, (_, i) => ({ id: `2401.${10000 + i}`, title: `Paper ${i} on sparse attention`, i })),
  ),
)
const entry = () => ({
  bodies: { identity, br: brotliCompressSync(identity, { params: { [constants.BROTLI_PARAM_QUALITY]: 1 } }) },
})
const settled = async (best: ReturnType<typeof bestBrotli>) => {
  while (best.pending > 0) await new Promise((resolve) => setTimeout(resolve, 10))
}

describe('bestBrotli', () => {
  it('recompresses an entry once it has been served enough times, to the same content', async () => {
    const best = bestBrotli({ afterServes: 3, minBytes: 0, isCurrent: () => true })
    const e = entry()
    const before = e.bodies.br
    best.served('k', e)
    best.served('k', e)
    await settled(best)
    expect(e.bodies.br).toBe(before) // two answers: not hot yet
    best.served('k', e)
    await settled(best)
    expect(e.bodies.br.byteLength).toBeLessThan(before.byteLength)
    expect(brotliDecompressSync(e.bodies.br).equals(identity)).toBe(true)
  })

  it('leaves alone an entry that is no longer current, and small entries', async () => {
    const stale = bestBrotli({ afterServes: 1, minBytes: 0, isCurrent: () => false })
    const e = entry()
    const before = e.bodies.br
    stale.served('k', e)
    await settled(stale)
    expect(e.bodies.br).toBe(before)

    const small = bestBrotli({ afterServes: 1, minBytes: identity.byteLength + 1, isCurrent: () => true })
    small.served('k', e)
    expect(small.pending).toBe(0)
  })
})
