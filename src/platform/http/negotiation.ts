/** The content codings the response cache keeps, best first when a client accepts several equally. */
export type Coding = 'br' | 'gzip' | 'identity'

const PREFERENCE: Coding[] = ['br', 'gzip', 'identity']

/**
 * The coding to send for an Accept-Encoding header (RFC 9110 §12.5.3): the acceptable one with the
 * highest q, brotli before gzip on a tie. Browsers send `gzip, deflate, br, zstd`, Python's
 * `requests` `gzip, deflate` (with `br` when brotli is installed); no header means identity.
 */
export function chooseCoding(acceptEncoding: string | undefined): Coding {
  if (!acceptEncoding) return 'identity'
  const known = chosen.get(acceptEncoding)
  if (known) return known
  const coding = bestCoding(acceptEncoding)
  if (acceptEncoding.length <= MAX_REMEMBERED_LENGTH) {
    if (chosen.size >= MAX_REMEMBERED) chosen.clear()
    chosen.set(acceptEncoding, coding)
  }
  return coding
}

// Readers send a handful of distinct headers, one per browser or client library: the choice for
// each is remembered, not parsed again for every answer from the cache. Bounded however many
// spellings a client invents.
const MAX_REMEMBERED = 256
const MAX_REMEMBERED_LENGTH = 256
const chosen = new Map<string, Coding>()

function bestCoding(acceptEncoding: string): Coding {
  const weights = new Map<string, number>()
  for (const part of acceptEncoding.split(',')) {
    const [name = '', ...params] = part.split(';').map((s) => s.trim().toLowerCase())
    const q = params.find((p) => p.startsWith('q='))
    const weight = q === undefined ? 1 : Number(q.slice(2))
    if (name && Number.isFinite(weight)) weights.set(name, weight)
  }
  const weightOf = (coding: Coding) =>
    weights.get(coding) ?? weights.get('*') ?? (coding === 'identity' ? Number.MIN_VALUE : 0)
  let best: Coding = 'identity'
  let bestWeight = 0
  for (const coding of PREFERENCE) {
    const weight = weightOf(coding)
    if (weight > bestWeight) [best, bestWeight] = [coding, weight]
  }
  // Even a client that refuses identity gets it when nothing else is acceptable: an answer it can
  // decode is better than a 406 for a listing.
  return best
}

/**
 * Whether an If-None-Match header names this entity tag, compared weakly as RFC 9110 §13.1.2
 * requires (a `W/` prefix on either side does not matter), or is `*`.
 */
export function isNotModified(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false
  if (ifNoneMatch.trim() === '*') return true
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '')
  return ifNoneMatch.split(',').some((tag) => opaque(tag) === opaque(etag))
}
