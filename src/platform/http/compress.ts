import type { MiddlewareHandler } from 'hono'
import { compressIn, WORTH_COMPRESSING_BYTES } from './compression.js'
import { chooseCoding } from './negotiation.js'

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
    // Decided on the status and headers alone: reading `body` turns the server's light response
    // (a string it writes as it is) into a stream it must read, which cost every answer that is
    // not compressed a third more of the event loop (BENCHMARKS.md, stop 34).
    if (c.req.method === 'HEAD' || res.status === 204 || res.status === 304) return
    if (res.headers.has('content-encoding') || !COMPRESSIBLE.test(res.headers.get('content-type') ?? '')) return
    const declared = res.headers.get('content-length')
    if (declared !== null && Number(declared) < WORTH_COMPRESSING_BYTES) return
    const vary = res.headers.get('vary')
    if (!vary || !/(^|,)\s*(accept-encoding|\*)\s*(,|$)/i.test(vary)) res.headers.append('vary', 'Accept-Encoding')
    const coding = chooseCoding(c.req.header('accept-encoding'))
    if (coding === 'identity') return
    const body = Buffer.from(await res.arrayBuffer()) // read once: the answer is made anew below
    // Made for this reader alone and sent once: the fastest settings that still shrink a page.
    const compressed = body.byteLength < WORTH_COMPRESSING_BYTES ? null : await compressIn(coding, body, 'once')
    const headers = new Headers(res.headers)
    if (compressed) {
      headers.delete('content-length')
      headers.set('content-encoding', coding)
    }
    // A new answer from a body and plain fields, which the server writes as it is; Hono's setter
    // would wrap it again (through its body, a stream), so the old answer is let go first.
    c.res = undefined
    c.res = new Response((compressed ?? body) as Uint8Array<ArrayBuffer>, { status: res.status, headers })
  }
}
