/**
 * Text → search tokens, the one definition both engines index and every query is read with, so
 * that SQLite and PostgreSQL see the same words (docs/decisions/0016-search.md).
 *
 * A token is lowercase letters and digits only: accents are folded (Schrödinger → schrodinger),
 * Greek letters and TeX commands for them read as their names (α, $\alpha$ → alpha), plural
 * endings are removed (models → model, studies → study: Harman's S-stemmer, which never changes a
 * word's meaning the way a full stemmer can). A compound word (pre-training, GPT-4, 1.5) is indexed
 * as its parts where it stands, so phrases across it work, and as one joined token at the end of the
 * text, so that "pretraining", "pre-training" and "Pre-Training" find each other.
 */

const GREEK: Record<string, string> = {
  α: 'alpha',
  β: 'beta',
  γ: 'gamma',
  δ: 'delta',
  ε: 'epsilon',
  ϵ: 'epsilon',
  ζ: 'zeta',
  η: 'eta',
  θ: 'theta',
  ϑ: 'theta',
  ι: 'iota',
  κ: 'kappa',
  λ: 'lambda',
  μ: 'mu',
  ν: 'nu',
  ξ: 'xi',
  ο: 'omicron',
  π: 'pi',
  ρ: 'rho',
  ϱ: 'rho',
  σ: 'sigma',
  ς: 'sigma',
  τ: 'tau',
  υ: 'upsilon',
  φ: 'phi',
  ϕ: 'phi',
  χ: 'chi',
  ψ: 'psi',
  ω: 'omega',
}
const GREEK_NAMES = new Set(Object.values(GREEK).concat(['varepsilon', 'vartheta', 'varphi', 'varrho', 'varsigma']))

/** Tokens longer than this are cut: nobody types them, and they would bloat the index. */
export const MAX_TOKEN_LENGTH = 40

// A word: letters and digits, possibly joined by hyphens, dots, slashes or apostrophes. Combining
// marks belong to the word they follow, so text in decomposed form (Schro\u0308dinger, as macOS
// pastes it) is one word, folded like its composed spelling.
const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:['’\-‐‑./][\p{L}\p{N}][\p{L}\p{M}\p{N}]*)*/gu
const WORD_ASCII = /[a-z0-9]+(?:['\-./][a-z0-9]+)*/g
const ASCII = /^[\x00-\x7f]*$/
const JOINERS = /['’\-‐‑./]/
const TEX_COMMAND = /\\([a-zA-Z]+)|\\['"`^~=.][{]?([a-zA-Z])[}]?/g

/** The text a title, author list or abstract is indexed as: tokens separated by spaces. */
export function indexText(text: string): string {
  return indexTokens(text).join(' ')
}

/** Tokens in reading order, then the joined forms of compounds. */
export function indexTokens(text: string): string[] {
  const tokens: string[] = []
  const joined: string[] = []
  for (const word of words(text)) {
    for (const part of word.parts) tokens.push(part)
    if (word.joined) joined.push(word.joined)
  }
  return joined.length > 0 ? tokens.concat(joined) : tokens
}

/** What a typed query word searches for: its one token, the joined form for a compound. */
export function queryWordToken(word: string): string | null {
  const [first] = words(word)
  if (!first) return null
  return first.joined ?? first.parts[0] ?? null
}

/** A phrase's tokens: every part in order, as the index holds them where the words stand. */
export function phraseTokens(text: string): string[] {
  return [...words(text)].flatMap((w) => w.parts)
}

/** A prefix as typed (`lang` of `lang*`), folded but not stemmed: plural rules need a whole word. */
export function prefixToken(text: string): string | null {
  const folded = [...readTex(text).matchAll(/[\p{L}\p{M}\p{N}]+/gu)].map((m) => fold(m[0])).join('')
  return folded.length > 0 ? cut(folded) : null
}

export interface Word {
  /** Where the word stands in the text given (UTF-16 offsets), for highlighting. */
  start: number
  end: number
  parts: string[]
  /** The joined token of a compound; absent for a plain word. */
  joined?: string
}

/**
 * The words of a text with their tokens and their place in it. Plain ASCII text, nearly every
 * title and abstract, takes a path without Unicode regular expressions or per-character folding:
 * indexing runs this over every paper an ingest writes.
 */
export function* words(text: string): Generator<Word> {
  const prepared = readTex(text)
  const ascii = ASCII.test(prepared)
  const source = ascii ? prepared.toLowerCase() : prepared
  const pattern = new RegExp(ascii ? WORD_ASCII : WORD)
  for (let match = pattern.exec(source); match !== null; match = pattern.exec(source)) {
    const raw = match[0]
    const start = match.index
    const end = start + raw.length
    if (!JOINERS.test(raw)) {
      const token = ascii ? stem(cut(raw)) : tokenOf(raw)
      if (token) yield { start, end, parts: [token] }
      continue
    }
    const pieces = raw
      .replace(/['’]s$/i, '')
      .split(JOINERS)
      .filter(Boolean)
    const parts = pieces.flatMap((p) => tokenOf(p) ?? [])
    if (parts.length === 0) continue
    const word: Word = { start, end, parts }
    if (parts.length > 1) {
      const joined = tokenOf(pieces.join(''))
      if (joined) word.joined = joined
    }
    yield word
  }
}

/**
 * TeX as titles and abstracts carry it: `$\alpha$` → alpha, `\'e` → e, other commands dropped.
 * The replacement keeps every offset (same length), so highlighting can point into the original.
 */
function readTex(text: string): string {
  if (!text.includes('\\') && !text.includes('$')) return text
  return text
    .replace(TEX_COMMAND, (all, name: string | undefined, accented: string | undefined) => {
      const kept = name && GREEK_NAMES.has(name.toLowerCase()) ? name.replace(/^var/, '') : (accented ?? '')
      return kept.padStart(all.length, ' ').slice(-all.length)
    })
    .replace(/[$]/g, ' ')
}

function tokenOf(piece: string): string | null {
  const folded = fold(piece)
  if (folded.length === 0) return null
  return stem(cut(folded))
}

/**
 * A token at most MAX_TOKEN_LENGTH UTF-16 units long. Cut before stemming, so that reading a token
 * again gives the same token (formatQuery's round trip), and never between the two halves of a
 * surrogate pair: a lone half is not valid UTF-8, which PostgreSQL refuses.
 */
function cut(token: string): string {
  if (token.length <= MAX_TOKEN_LENGTH) return token
  const end = /[\uD800-\uDBFF]/.test(token[MAX_TOKEN_LENGTH - 1]!) ? MAX_TOKEN_LENGTH - 1 : MAX_TOKEN_LENGTH
  return token.slice(0, end)
}

/** Letters and digits → lowercase, accents removed, Greek letters as their names. */
function fold(s: string): string {
  if (ASCII.test(s)) return s.toLowerCase() // nearly every word: skip the per-character work
  let out = ''
  for (const ch of s.normalize('NFKD').toLowerCase()) {
    const greek = GREEK[ch]
    if (greek) out += greek
    else if (/[\p{L}\p{N}]/u.test(ch)) out += ch
  }
  return out
}

/** Harman's S-stemmer: the plural endings only, and only on words of more than three letters. */
export function stem(w: string): string {
  if (w.length <= 3 || !/[a-z]$/.test(w)) return w
  if (w.endsWith('ies') && !w.endsWith('eies') && !w.endsWith('aies')) return w.slice(0, -3) + 'y'
  if (w.endsWith('es') && !w.endsWith('aes') && !w.endsWith('ees') && !w.endsWith('oes')) return w.slice(0, -1)
  if (w.endsWith('s') && !w.endsWith('us') && !w.endsWith('ss')) return w.slice(0, -1)
  return w
}
