import { promisify } from 'node:util'
import { brotliCompress, brotliCompressSync, constants, gzip, gzipSync } from 'node:zlib'
import type { Coding } from './negotiation.js'

const compressGzip = promisify(gzip)
const compressBrotli = promisify(brotliCompress)

/**
 * How hard to compress, by how often the result is sent:
 * - `once`: made for one reader (a signed-in reader's page): brotli 3 takes a 60 KB day page to
 *   8.4 KB in 0.19 ms, where 5 takes 0.52 ms for 7.6 KB;
 * - `kept`: a cache entry's first body, made while a reader waits: brotli 5, 10 ms for a 300 KB
 *   listing and still smaller than gzip;
 * - `best`: a hot entry's body made again in the background (best-brotli.ts): brotli 11, about a
 *   second for a 500 KB listing, 13–15 % smaller.
 */
export type Effort = 'once' | 'kept' | 'best'

/** Below this, compression saves less than a packet: such a body is sent as it is. */
export const WORTH_COMPRESSING_BYTES = 1024

const BROTLI_QUALITY: Record<Effort, number> = { once: 3, kept: 5, best: constants.BROTLI_MAX_QUALITY }
const GZIP_LEVEL: Record<Effort, number> = { once: 1, kept: constants.Z_DEFAULT_COMPRESSION, best: 9 }

/**
 * A body this small, compressed at the `once` settings, is compressed on the calling thread: a
 * 60 KB page takes 0.19 ms, less than the trip through zlib's thread pool costs an answer when both
 * cores are busy with searches (a paper page's median under the search benchmark's load went from 3
 * to 8 ms that way).
 */
const IN_THREAD_MAX_BYTES = 128 * 1024

/** `body` in `coding`; on zlib's thread pool, but for small bodies made once (above). */
export function compressIn(coding: Coding, body: Uint8Array, effort: Effort): Promise<Uint8Array> {
  if (coding === 'identity') return Promise.resolve(body)
  const inThread = effort === 'once' && body.byteLength <= IN_THREAD_MAX_BYTES
  if (coding === 'gzip') {
    const options = { level: GZIP_LEVEL[effort] }
    return inThread ? Promise.resolve(gzipSync(body, options)) : compressGzip(body, options)
  }
  const options = {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY[effort],
      [constants.BROTLI_PARAM_SIZE_HINT]: body.byteLength,
    },
  }
  return inThread ? Promise.resolve(brotliCompressSync(body, options)) : compressBrotli(body, options)
}
