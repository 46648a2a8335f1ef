import { describe, expect, it } from 'vitest'
import { readFromWorkers } from '../src/platform/worker-stream.js'

/** Work split between threads (the search lists' pass counts papers in several): every item once. */
const WORKER = new URL('./support/numbers-worker.js', import.meta.url)

describe('reading several workers at once', () => {
  it('gives every item of every worker once, with the buffers they moved', async () => {
    const seen: number[] = []
    for await (const item of readFromWorkers<{ n: number; bytes: Float64Array }>(WORKER, [
      { from: 1, to: 40 },
      { from: 41, to: 50 },
      { from: 51, to: 120 },
    ])) {
      expect(item.bytes[0]).toBe(item.n)
      seen.push(item.n)
    }
    expect(seen.sort((a, b) => a - b)).toEqual(Array.from({ length: 120 }, (_, i) => i + 1))
  }, 30_000)

  it("fails with a worker's error, and ends the others", async () => {
    const read = async () => {
      for await (const _ of readFromWorkers(WORKER, [
        { from: 1, to: 1_000_000 },
        { from: 1, to: 10, failAt: 5 },
        { from: 1, to: 10, failAt: 7 },
      ]));
    }
    await expect(read()).rejects.toThrow(/failed at [57]/)
  }, 30_000)
})
