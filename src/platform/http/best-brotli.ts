import { compressIn } from './compression.js'

/** The bodies of one cache entry in each coding; only `br` is replaced here. */
interface Compressible {
  bodies: { identity: Uint8Array; br?: Uint8Array }
}

export interface BestBrotliOptions<E extends Compressible = Compressible> {
  /** Smaller entries gain a few hundred bytes at most: not worth a second compression. */
  minBytes?: number
  /** An entry is recompressed once it has been served this many times at its version. */
  afterServes?: number
  /** Whether the entry is still the one the cache answers `key` with; a stale one is not worth the CPU. */
  isCurrent: (key: string, entry: E) => boolean | Promise<boolean>
}

/**
 * Recompresses the brotli body of the entries read most at brotli's best quality, one at a time on
 * zlib's thread pool. An entry is first compressed at a quality that takes milliseconds, so the
 * reader who asked waits for no more; quality 11 takes about a second for a 500 KB API listing but
 * makes it 13–15 % smaller (83 → 71 KB for a month of daily papers), which every later reader
 * receives. Only entries served often at one catalog version are worth that second, so a
 * catalog that changes every minute spends it on its hottest listings only
 * (docs/decisions/0010-response-cache.md).
 */
export function bestBrotli<E extends Compressible>(options: BestBrotliOptions<E>) {
  const { minBytes = 32 * 1024, afterServes = 20, isCurrent } = options
  const serves = new WeakMap<E, number>()
  const taken = new WeakSet<E>()
  const queue: Array<{ key: string; entry: E }> = []
  let running = false

  const drain = async () => {
    running = true
    try {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const { key, entry } = next
        if (!(await isCurrent(key, entry))) continue
        const { identity } = entry.bodies
        const best = await compressIn('br', identity, 'best')
        if (best.byteLength < entry.bodies.br!.byteLength) entry.bodies.br = best
      }
    } finally {
      running = false
    }
  }

  return {
    /** Counts one answer from the entry kept at `key`; it is queued for recompression once it is hot. */
    served(key: string, entry: E): void {
      // Only a body readers take in brotli (see the response cache's bodyIn) is worth a better one.
      if (!entry.bodies.br || entry.bodies.identity.byteLength < minBytes || taken.has(entry)) return
      const count = (serves.get(entry) ?? 0) + 1
      serves.set(entry, count)
      // A bounded queue: when many large entries turn hot at once, the rest wait for a later answer.
      if (count < afterServes || queue.length >= 64) return
      taken.add(entry)
      queue.push({ key, entry })
      if (!running) void drain().catch(() => {}) // a failed compression keeps the body it had
    },
    /** Entries waiting, for tests. */
    get pending() {
      return queue.length + (running ? 1 : 0)
    },
  }
}
