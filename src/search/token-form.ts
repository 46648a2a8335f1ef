/**
 * The last steps of every token (normalize.ts, ascii-tokens.ts): cut to a length, then its plural
 * ending taken off.
 */

/** Tokens longer than this are cut: nobody types them, and they would bloat the index. */
export const MAX_TOKEN_LENGTH = 40

/**
 * A token at most MAX_TOKEN_LENGTH UTF-16 units long. Cut before stemming, so that reading a token
 * again gives the same token (formatQuery's round trip), and never between the two halves of a
 * surrogate pair: a lone half is not valid UTF-8, which PostgreSQL refuses.
 */
export function cut(token: string): string {
  if (token.length <= MAX_TOKEN_LENGTH) return token
  const end = /[\uD800-\uDBFF]/.test(token[MAX_TOKEN_LENGTH - 1]!) ? MAX_TOKEN_LENGTH - 1 : MAX_TOKEN_LENGTH
  return token.slice(0, end)
}

/**
 * Harman's S-stemmer: the plural endings only, and only on words of more than three letters. Its
 * `-es → -e` rule would leave processes, approaches and boxes apart from process, approach and box
 * (1% of real titles hold such a plural), so after ss, x, ch, sh and zz `-es` goes whole, and a
 * singular's `-e` there too, so that cache and caches meet (as cach); and Greek plurals meet their
 * singular (analyses, analysis → analysi).
 */
export function stem(w: string): string {
  if (w.length <= 3) return w
  // Every rule below takes off an ending in s or e: most words keep their form at this one test.
  const last = w.charCodeAt(w.length - 1)
  if (last !== S && last !== E) return w
  if (SIBILANT_PLURAL.test(w)) return w.slice(0, -2)
  if (SIBILANT_E.test(w)) return w.slice(0, -1)
  if (GREEK_PLURAL.test(w)) return w.slice(0, -2) + 'i' // analyses → analysi, as analysis
  if (w.endsWith('ies') && !w.endsWith('eies') && !w.endsWith('aies')) return w.slice(0, -3) + 'y'
  if (w.endsWith('es') && !w.endsWith('aes') && !w.endsWith('ees') && !w.endsWith('oes')) return w.slice(0, -1)
  if (w.endsWith('s') && !w.endsWith('us') && !w.endsWith('ss')) return w.slice(0, -1)
  return w
}

const S = 0x73
const E = 0x65
const SIBILANT_PLURAL = /(?:ss|x|ch|sh|zz)es$/
const SIBILANT_E = /(?:ss|x|ch|sh|zz)e$/
// -sis → -ses (analyses, hypotheses), but not after an e or an o: cheeses, purposes, doses.
const GREEK_PLURAL = /(?:ys|[^e]es)es$/
