import { ACCENTS, TEXT_SYMBOLS } from '../../papers/tex/symbols.js'
import { collapseWhitespace } from './fields.js'

/**
 * arXiv's free-text author lists, as RSS `dc:creator` and arXivRaw `<authors>` carry them:
 * `C. Bal\'azs, E. L. Berger, P. M. Nadolsky, C.-P. Yuan`, `A, B, and C`, names followed by
 * affiliations in parentheses (`Arthur Jaffe (1) and Gordon Ritter (1) ((1) Harvard University)`),
 * with TeX accents. The snapshot's `authors_parsed` decodes them the same way, which the tests use.
 */
export function splitAuthorList(list: string): string[] {
  const names: string[] = []
  for (const piece of withoutParentheses(decodeTexAccents(list)).split(/,|\s+and\s+/)) {
    const name = collapseWhitespace(piece.replace(/^and\s+/, ''))
    // `F. Aharonian, et al` names one author: arXiv's list was cut short, not joined by a second.
    if (name === '' || /^et\.? al\.?$/i.test(name)) continue
    // `John Smith, Jr.` is one author, not two.
    if (SUFFIX.test(name) && names.length > 0) names[names.length - 1] += ` ${name}`
    else names.push(name)
  }
  return names
}

const SUFFIX = /^(?:Jr|Sr)\.?$|^(?:II|III|IV)$/

/** Drops parenthesised affiliations, innermost first; one left open runs to the end. */
function withoutParentheses(text: string): string {
  let s = text
  for (let before = ''; before !== s;) {
    before = s
    s = s.replace(/\([^()]*\)/g, ' ')
  }
  return s.replace(/\(.*$/s, '').replace(/\)/g, ' ')
}

const LETTER_COMMAND = /\\(ss|ae|AE|oe|OE|aa|AA|dh|DH|th|TH|dj|DJ|ng|NG|[lLoOij])(?![A-Za-z])/g
// `\'a`, `\'{a}`, `\' a`; letter commands need a brace or a space: `\v{s}`, `\v s`.
const SYMBOL_ACCENT = /\\([`'^"~=.])\s*(?:\{\s*([^\s{}\\])\s*\}|([^\s{}\\]))/g
const LETTER_ACCENT = /\\([uvHckrdb])(?:\s*\{\s*([^\s{}\\])\s*\}|\s+([^\s{}\\]))/g

/** `Bal\'azs` → `Balázs`, `{\O}bro` → `Øbro`, `Kad{\i}o\u{g}lu` → `Kadıoğlu`. */
export function decodeTexAccents(text: string): string {
  if (!text.includes('\\')) return text
  const accent = (_: string, command: string, braced?: string, bare?: string) => {
    const base = braced ?? bare ?? ''
    // A dotless i under an accent is how TeX writes í; Unicode composes the dotted i.
    return (base === 'ı' ? 'i' : base === 'ȷ' ? 'j' : base) + ACCENTS[command]
  }
  return text
    .replace(LETTER_COMMAND, (_, name: string) => TEXT_SYMBOLS[name] ?? name)
    .replace(SYMBOL_ACCENT, accent)
    .replace(LETTER_ACCENT, accent)
    .replace(/[{}]/g, '')
    .normalize('NFC')
}
