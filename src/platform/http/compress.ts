import type { MiddlewareHandler } from 'hono'
import { compressIn } from './compression.js'
import { chooseCoding } from './negotiation.js'

/** Below this, compression saves less than a packet. */
const MIN_BYTES = 1024
const COMPRESSIBLE = /^(?:text\/|application\/(?:json|xml|javascript|[\w.-]+\+(?:json|xml))\b)/i

/**
 * Compresses the answers the response cache does not keep, in the coding the client prefers: a
 * signed-in reader's pages, forms and errors, the API's answers to a token. What the cache sends
 * is compressed already (Content-Encoding set) and passes untouched. Pages that carry a CSRF token
 * show it masked (csrf-mask.ts), so that compression leaks nothing of it.
 */
export function compressAnswers(): MiddlewareHandler {
  return async (c, next) => {
    await next()
    const res = c.res
    if (c.req.method === 'HEAD' || !res.body || res.headers.has('content-encoding')) return
    if (!COMPRESSIBLE.test(res.headers.get('content-type') ?? '')) return
    const declared = res.headers.get('content-length')
    if (declared !== null && Number(declared) < MIN_BYTES) return
    const vary = res.headers.get('vary')
    if (!vary || !/(^|,)\s*(accept-encoding|\*)\s*(,|$)/i.test(vary)) res.headers.append('vary', 'Accept-Encoding')
    const coding = chooseCoding(c.req.header('accept-encoding'))
    if (coding === 'identity') return
    const body = Buffer.from(await res.arrayBuffer())
    // Made for this reader alone and sent once: the fastest settings that still shrink a page.
    const compressed = body.byteLength < MIN_BYTES ? null : await compressIn(coding, body, 'once')
    c.res = new Response((compressed ?? body) as Uint8Array<ArrayBuffer>, res)
    if (!compressed) return
    c.res.headers.delete('content-length')
    c.res.headers.set('content-encoding', coding)
  }
}
