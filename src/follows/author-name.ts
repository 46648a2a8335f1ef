/**
 * Authors' names as a follow compares them (docs/decisions/0026-alerts.md). Papers print one person
 * many ways: `Yann LeCun`, `Y. LeCun`, `LeCun, Yann`, `Bernhard Schölkopf`, `B. Scholkopf`. A name
 * is read as a surname (its last word) and given names (the rest, hyphenated ones split:
 * `Jean-Pierre` is two); two names are the same person's when the surnames are equal after folding
 * case and accents, and each given name they both print agrees, an initial agreeing with any name
 * it begins. `Yann LeCun` is then `Y. LeCun` but not `Yves LeCun`; `Geoffrey E. Hinton` is
 * `Geoffrey Hinton` (a middle name one of them leaves out says nothing).
 */

export interface AuthorName {
  surname: string
  /** Given names, folded; an initial is its one letter. */
  given: string[]
}

// Letters NFKD leaves whole, as arXiv's ASCII spellings write them.
const LETTERS: Record<string, string> = { ø: 'o', ł: 'l', đ: 'd', ß: 'ss', æ: 'ae', œ: 'oe', ı: 'i', þ: 'th' }
const SUFFIXES = new Set(['jr', 'sr', 'ii', 'iii', 'iv'])

/** Lowercase letters and digits, accents removed. */
function fold(word: string): string {
  let out = ''
  for (const ch of word.normalize('NFKD').toLowerCase()) {
    if (LETTERS[ch]) out += LETTERS[ch]
    else if (/[\p{L}\p{N}]/u.test(ch)) out += ch
  }
  return out
}

/** A printed name read as surname and given names, or null when it holds no letter. */
export function readAuthorName(printed: string): AuthorName | null {
  let text = printed.slice(0, 300)
  // `LeCun, Yann` (BibTeX's order); `Smith, Jr., John` keeps its suffix out of the way below.
  const comma = text.split(',')
  if (comma.length === 2 && comma[1]!.trim() !== '' && !SUFFIXES.has(fold(comma[1]!))) {
    text = `${comma[1]} ${comma[0]}`
  }
  const words = text
    .split(/[\s,]+/)
    .flatMap((w) => w.split(/[-‐‑.]+/))
    .map(fold)
    .filter((w) => w.length > 0)
  while (words.length > 1 && SUFFIXES.has(words.at(-1)!)) words.pop()
  const surname = words.pop()
  if (!surname) return null
  return { surname, given: words }
}

/** The index key of a name: surname and first initial, what every spelling of one person shares. */
export function authorKey(name: AuthorName): string {
  return `${name.surname} ${name.given[0]?.[0] ?? ''}`
}

/** Whether two readings can be one person's name (see the top of this file). */
export function isSameAuthor(a: AuthorName, b: AuthorName): boolean {
  if (a.surname !== b.surname) return false
  const n = Math.min(a.given.length, b.given.length)
  for (let i = 0; i < n; i++) {
    const x = a.given[i]!
    const y = b.given[i]!
    const agree = x.length === 1 || y.length === 1 ? x[0] === y[0] : x === y
    if (!agree) return false
  }
  return true
}
