/**
 * Text → search tokens, the one definition both engines index and every query is read with, so
 * that SQLite and PostgreSQL see the same words (docs/decisions/0016-search.md).
 *
 * A token is lowercase letters and digits only: accents are folded (Schrödinger → schrodinger),
 * Greek letters and TeX commands for them read as their names (α, $\alpha$ → alpha), plural
 * endings are removed (models → model, studies → study, processes → process: Harman's S-stemmer
 * with sibilant plurals, which never changes a word's meaning the way a full stemmer can). A compound word (pre-training, GPT-4, 1.5) is indexed
 * as its parts where it stands, so phrases across it work, and as one joined token at the end of the
 * text, so that "pretraining", "pre-training" and "Pre-Training" find each other.
 */

import { asciiIndexText, asciiWordSpans, isJoinerByte } from './ascii-tokens.js'
import { cut, stem } from './token-form.js'

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

// A word: letters and digits, possibly joined by hyphens, dots, slashes or apostrophes. An en dash
// (`–`, or TeX's `--`) joins too: Navier--Stokes and Temperley–Lieb are found as Navier-Stokes. Combining
// marks belong to the word they follow, so text in decomposed form (Schro\u0308dinger, as macOS
// pastes it) is one word, folded like its composed spelling. TEX_GLUE (what readTex leaves of `$`
// and of the backslash of \alpha or \"o) belongs to the word it touches.
const WORD = /\x01*[\p{L}\p{N}][\p{L}\p{M}\p{N}\x01]*(?:(?:--|['’\-‐‑–./])\x01*[\p{L}\p{N}][\p{L}\p{M}\p{N}\x01]*)*/gu
const ASCII = /^[\x00-\x7f]*$/
const JOINERS = /['’\-‐‑–./]/
const TEX_COMMAND = /\\([a-zA-Z]+)|[{]?\\['"`^~=.][{]?([a-zA-Z])[}]?[}]?/g
/**
 * Stands in for TeX that is part of a word: math delimiters (`$p$-adic`, `H$\alpha$`) and what an
 * accent or a Greek letter's name leaves over (`Schr\"odinger`, `\alpha`). Words run across it, so
 * these read as the words they print as; ASCII, so the text keeps its fast path.
 */
const TEX_GLUE = '\x01'

/**
 * The text a title, author list or abstract is indexed as: tokens separated by spaces. Every paper
 * an ingest or a rebuild writes goes through here, so ASCII text (nearly every title, author and
 * abstract once its TeX is read) is scanned in one pass over its character codes, with no regular
 * expression and no string a word (ascii-tokens.ts); ascii-tokens.test.ts holds it to `words`.
 */
export function indexText(text: string): string {
  const prepared = readTex(text)
  return asciiIndexText(prepared) ?? unicodeTokens(prepared).join(' ')
}

/** Tokens in reading order, then the joined forms of compounds: what `words` gives, without its places. */
export function indexTokens(text: string): string[] {
  const prepared = readTex(text)
  const ascii = asciiIndexText(prepared)
  if (ascii === null) return unicodeTokens(prepared)
  return ascii === '' ? [] : ascii.split(' ')
}

/** `indexTokens` of text that readTex has read, past ASCII. */
function unicodeTokens(prepared: string): string[] {
  const tokens: string[] = []
  const joined: string[] = []
  for (const word of unicodeWords(prepared)) {
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
 * title and abstract, is read in one pass over its character codes (ascii-tokens.ts), with no
 * regular expression and a string a word only for its token: a search highlights twenty papers
 * with it (highlight.ts).
 */
export function words(text: string): Word[] {
  const prepared = readTex(text)
  return ASCII.test(prepared) ? asciiWords(prepared.toLowerCase()) : unicodeWords(prepared)
}

/**
 * `words`, the tokens read only of the words that may hold one starting with one of `firsts`
 * (lowercase characters); every other word stands with a part that is no token (''), so that a
 * phrase still sees it between its words. In ASCII text a plain word's token starts with the
 * word's own first letter (cut and stem only shorten it from the end), so a word that starts
 * otherwise matches no token that does; a compound's tokens start where its pieces do, after a
 * joiner. Highlighting a page's twenty abstracts reads the few words that may match instead of
 * every one (highlight.ts). Words touching TeX and text past ASCII are read whole.
 */
export function wordsStartingWith(text: string, firsts: ReadonlySet<string>): Word[] {
  const prepared = readTex(text)
  return ASCII.test(prepared) ? asciiWords(prepared.toLowerCase(), firsts) : unicodeWords(prepared)
}

/** The parts of a word `wordsStartingWith` left unread: shared, never written. */
const UNREAD: string[] = ['']

/** `words` of lowercase ASCII text that readTex has read: the words WORD would find in it. */
function asciiWords(source: string, firsts?: ReadonlySet<string>): Word[] {
  const out: Word[] = []
  asciiWordSpans(source, (start, end, compound) => {
    if (firsts && !mayStartToken(source, start, end, compound, firsts)) {
      out.push({ start, end, parts: UNREAD })
      return
    }
    const raw = withoutGlue(source.slice(start, end))
    if (!compound) out.push({ start, end, parts: [asciiToken(raw)] })
    else pushCompound(out, raw, start, end, asciiToken)
  })
  return out
}

/**
 * Whether a word of `source` may hold a token starting with one of `firsts`: one of its pieces
 * starts with one (a plain word is one piece), or TeX glue hides where they start.
 */
function mayStartToken(source: string, start: number, end: number, compound: boolean, firsts: ReadonlySet<string>) {
  if (!compound) return source[start] === TEX_GLUE || firsts.has(source[start]!)
  for (let k = start; k < end; k++) {
    const c = source[k]!
    if (c === TEX_GLUE) return true
    if ((k === start || isJoinerByte(source.charCodeAt(k - 1))) && firsts.has(c)) return true
  }
  return false
}

/** `words` of text that readTex has read, past ASCII. */
function unicodeWords(prepared: string): Word[] {
  const out: Word[] = []
  const pattern = new RegExp(WORD)
  for (let match = pattern.exec(prepared); match !== null; match = pattern.exec(prepared)) {
    const start = match.index
    const end = start + match[0].length
    const raw = withoutGlue(match[0])
    if (JOINERS.test(raw)) pushCompound(out, raw, start, end, tokenOf)
    else {
      const token = tokenOf(raw)
      if (token) out.push({ start, end, parts: [token] })
    }
  }
  return out
}

/**
 * `words` by the regular expression alone, whatever the text: the reading that the one-pass ASCII
 * readings (`words`, ascii-tokens.ts) are held to in ascii-tokens.test.ts.
 */
export function wordsByPattern(text: string): Word[] {
  return unicodeWords(readTex(text))
}

const withoutGlue = (raw: string) => (raw.includes(TEX_GLUE) ? raw.replaceAll(TEX_GLUE, '') : raw)

/** A piece of lowercase ASCII letters and digits as a token: nothing to fold. */
const asciiToken = (piece: string) => stem(cut(piece))

/**
 * A compound (pre-training, GPT-4, Bob's): its pieces' tokens, and with two or more, them joined;
 * `token` reads a piece (tokenOf, or asciiToken for lowercase ASCII).
 */
function pushCompound(
  out: Word[],
  raw: string,
  start: number,
  end: number,
  token: (piece: string) => string | null,
): void {
  const pieces = raw
    .replace(/['’]s$/i, '')
    .split(JOINERS)
    .filter(Boolean)
  const parts = pieces.flatMap((p) => token(p) ?? [])
  if (parts.length === 0) return
  const word: Word = { start, end, parts }
  if (parts.length > 1) {
    const joined = token(pieces.join(''))
    if (joined) word.joined = joined
  }
  out.push(word)
}

/**
 * TeX as titles and abstracts carry it: `$\alpha$` → alpha, `\'e` and `{\"o}` → e and o, other
 * commands dropped. The replacement keeps every offset (same length), so highlighting can point
 * into the original, and what is left of a Greek letter, an accent, a `$`, a brace or a sub- or
 * superscript mark is TEX_GLUE, so that a word reads as it prints: `$\beta$-VAE` as β-VAE,
 * `G{\"o}del` as Gödel, `CeAg$_2$Ge$_2$` as CeAg₂Ge₂ and `$^{3}$He` as ³He (Hugging Face's copies
 * drop the `$` and keep the rest: `X^{2}-Gaussian`).
 */
function readTex(text: string): string {
  if (!TEX_MARK.test(text)) return text
  return text
    .replace(TEX_COMMAND, (all, name: string | undefined, accented: string | undefined) => {
      if (accented) return accented.padStart(all.length, TEX_GLUE)
      if (name && GREEK_NAMES.has(name.toLowerCase())) return name.replace(/^var/, '').padStart(all.length, TEX_GLUE)
      if (name === 'ell') return 'l'.padStart(all.length, TEX_GLUE) // ℓ, as its Unicode letter folds
      return (name && TEX_IN_WORD_COMMANDS.has(name) ? TEX_GLUE : ' ').repeat(all.length)
    })
    .replace(TEX_IN_WORD, TEX_GLUE)
}

/** Fonts and accents: the letters they dress stay in their word (`\mathbf{\texttt{D}}ual`, `\bar{D}`). */
const TEX_IN_WORD_COMMANDS = new Set(
  'rm it bf tt sf sl sc em emph text textrm textit textbf texttt textsf textsc textnormal mathrm mathit mathbf mathsf mathtt mathcal mathbb mathfrak mathscr mathnormal boldsymbol bm operatorname mbox hbox bar tilde hat vec dot ddot breve check widetilde widehat overline'.split(
    ' ',
  ),
)
const TEX_MARK = /[\\$^_{}]/
// Math delimiters, braces, and `_` and `^` before what they attach: `x^2` and `snake_case` stay
// one word, `a ^ b` stays three.
const TEX_IN_WORD = /\\[()]|[${}]|[_^](?=[\p{L}\p{N}{])/gu

function tokenOf(piece: string): string | null {
  const folded = fold(piece)
  if (folded.length === 0) return null
  return stem(cut(folded))
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
