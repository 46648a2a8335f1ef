import type { MiddlewareHandler } from 'hono'
import { badRequest } from './http-error.js'

// What may never reach a handler: NUL, which PostgreSQL refuses in text ("invalid byte sequence"),
// and the other C0 controls and DEL, which no address needs and HTML may not carry. Tab and line
// breaks stay allowed: a search pasted from a PDF has them.
const FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/
// Characters that make the URL worth a closer look; most requests have none and pass at once.
const SUSPECT = /[%\u0000-\u001f\u007f\ud800-\udfff]/

/**
 * Rejects with 400, before any route runs, an address whose path or query is not text a database
 * can hold: a percent-encoding that does not decode as UTF-8 (`%zz`, `%FF`, an encoded lone
 * surrogate), a control character, or an unpaired surrogate. Every handler may then trust that
 * its parameters are well-formed text.
 */
export const rejectMalformedUrl = (): MiddlewareHandler => async (c, next) => {
  const url = c.req.url
  const target = url.slice(url.indexOf('/', url.indexOf('//') + 2))
  if (SUSPECT.test(target)) {
    const problem = findProblem(target)
    if (problem) throw badRequest(`The address ${problem}.`)
  }
  await next()
}

/** What is wrong with a request target (path and query), or null when nothing is. */
export function findProblem(target: string): string | null {
  const hash = target.indexOf('#')
  const [path = '', query = ''] = (hash < 0 ? target : target.slice(0, hash)).split(/\?(.*)/s)
  for (const part of [path, ...query.split(/[&=]/)]) {
    let text: string
    try {
      text = decodeURIComponent(part.replaceAll('+', ' '))
    } catch {
      return 'has a percent sign that is not followed by UTF-8 encoded text (write % as %25)'
    }
    if (FORBIDDEN.test(text)) return 'contains a control character'
    if (LONE_SURROGATE.test(text)) return 'contains an unpaired surrogate, which is not text'
  }
  return null
}
