/**
 * The index tokens of ASCII text, in one pass over its character codes: the same tokens as
 * normalize.ts's pattern reads in it (ascii-tokens.test.ts holds the two together), written as
 * bytes into one buffer and read out as one string, since every paper an ingest or a rebuild
 * writes comes through here: no regular expression, no string and no object per word. A word is
 * read as normalize.ts's WORD reads one in ASCII: letters and digits, joined by `'`, `-`, `.`, `/`
 * or `--` when a letter or digit follows, with TEX_GLUE (`\x01`) anywhere inside and dropped.
 */
import { MAX_TOKEN_LENGTH } from './token-form.js'

const GLUE = 0x01
const SPACE = 0x20
const APOSTROPHE = 0x27
const HYPHEN = 0x2d
const DOT = 0x2e
const SLASH = 0x2f
const A = 0x61
const C = 0x63
const E = 0x65
const H = 0x68
const I = 0x69
const S = 0x73
const U = 0x75
const X = 0x78
const Y = 0x79
const Z = 0x7a

/**
 * `text`'s tokens separated by spaces (the index's form of it: normalize.ts's `indexText`), its
 * compounds' joined tokens last (pre-training → pre training pretraining); null when the text holds
 * a character past ASCII, which normalize.ts reads with Unicode's rules instead. Either case will
 * do: tokens are lowercase.
 */
export function asciiIndexText(text: string): string | null {
  const n = text.length
  // Each token is at most the characters it was read from, and its space stands for the character
  // after them (or the text's end): the tokens take at most n + 1 bytes, the joined tokens as many,
  // and `tokens` holds both at the end.
  const { tokens, joined } = buffersFor(2 * n + 2)
  let t = 0
  let j = 0
  let i = 0
  while (i < n) {
    const code = text.charCodeAt(i)
    if (code > 0x7f) return null
    const first = wordChar(code)
    if (first === 0 && code !== GLUE) {
      i++
      continue
    }
    // A word starts at a letter or digit, or at the glue right before one.
    let k = i
    while (k < n && text.charCodeAt(k) === GLUE) k++
    if (k >= n || wordChar(text.charCodeAt(k)) === 0) {
      i = k > i ? k : i + 1
      continue
    }
    // Letters and digits (lowercased, glue dropped) go to `tokens` as the word's raw form; a
    // joiner goes too when a letter or digit follows it, after glue, which makes a compound.
    const start = t
    let compound = false
    i = k
    for (;;) {
      for (; i < n; i++) {
        const c = text.charCodeAt(i)
        const w = wordChar(c)
        if (w !== 0) tokens[t++] = w
        else if (c !== GLUE) break
      }
      const joiner = joinerLength(text, i)
      if (joiner === 0) break
      let next = i + joiner
      while (next < n && text.charCodeAt(next) === GLUE) next++
      if (next >= n || wordChar(text.charCodeAt(next)) === 0) break
      // `--` is kept as one hyphen: what matters is where pieces part, and a trailing 's.
      tokens[t++] = text.charCodeAt(i)
      compound = true
      i = next
    }
    if (!compound) {
      t = stemmed(tokens, start, Math.min(t, start + MAX_TOKEN_LENGTH))
      tokens[t++] = SPACE
      continue
    }
    // As `words` reads a compound: a trailing 's goes; each piece is a token, and so are they joined.
    let end = t
    if (tokens[end - 1] === S && tokens[end - 2] === APOSTROPHE) end -= 2
    const joinedStart = j
    let pieces = 0
    for (let r = start; r < end; r++) {
      const c = tokens[r]!
      if (isJoinerByte(c)) continue
      if (r === start || isJoinerByte(tokens[r - 1]!)) pieces++
      joined[j++] = c
    }
    if (pieces > 1) {
      j = stemmed(joined, joinedStart, Math.min(j, joinedStart + MAX_TOKEN_LENGTH))
      joined[j++] = SPACE
    } else j = joinedStart
    // The pieces moved left over their joiners, each cut and stemmed where it lands; its space is
    // written once the joiners after it are read past, as it may land on one of them.
    t = start
    let r = start
    while (r < end && isJoinerByte(tokens[r]!)) r++
    while (r < end) {
      const pieceStart = t
      for (; r < end && !isJoinerByte(tokens[r]!); r++) tokens[t++] = tokens[r]!
      t = stemmed(tokens, pieceStart, Math.min(t, pieceStart + MAX_TOKEN_LENGTH))
      while (r < end && isJoinerByte(tokens[r]!)) r++
      tokens[t++] = SPACE
    }
  }
  if (j > 0) {
    joined.copy(tokens, t, 0, j)
    t += j
  }
  return t === 0 ? '' : tokens.toString('latin1', 0, t - 1)
}

/**
 * The words of ASCII text where normalize.ts's WORD finds them, in one pass over its codes: each
 * word's [start, end), glue at its edges included as the pattern includes it, and whether joiners
 * make it a compound. `words` builds its tokens from these (ascii-tokens.test.ts holds the two
 * readings together). `asciiIndexText` scans the same way but writes as it scans: built on these
 * spans (a callback a word, then its characters again), it read the real listings 25 % slower, and
 * every paper an ingest writes goes through it.
 */
export function asciiWordSpans(text: string, found: (start: number, end: number, compound: boolean) => void): void {
  const n = text.length
  let i = 0
  while (i < n) {
    const code = text.charCodeAt(i)
    if (wordChar(code) === 0 && code !== GLUE) {
      i++
      continue
    }
    let k = i
    while (k < n && text.charCodeAt(k) === GLUE) k++
    if (k >= n || wordChar(text.charCodeAt(k)) === 0) {
      i = k > i ? k : i + 1
      continue
    }
    const start = i
    let compound = false
    i = k
    for (;;) {
      while (i < n && (wordChar(text.charCodeAt(i)) !== 0 || text.charCodeAt(i) === GLUE)) i++
      const joiner = joinerLength(text, i)
      if (joiner === 0) break
      let next = i + joiner
      while (next < n && text.charCodeAt(next) === GLUE) next++
      if (next >= n || wordChar(text.charCodeAt(next)) === 0) break
      compound = true
      i = next
    }
    found(start, i, compound)
  }
}

interface Buffers {
  /** The tokens in reading order, each followed by a space while they are written. */
  tokens: Buffer
  /** The joined tokens of compounds, the same way. */
  joined: Buffer
}

/** Texts up to this many bytes of buffers reuse them; nothing bounds an abstract's length. */
const MOST_KEPT_BYTES = 1 << 20
let kept: Buffers = { tokens: Buffer.allocUnsafe(1 << 16), joined: Buffer.allocUnsafe(1 << 16) }

/**
 * Buffers of at least `bytes`: the kept ones, grown to fit the longest text met, or for a text
 * past MOST_KEPT_BYTES buffers of its own, let go after it, so that one huge text does not hold
 * its size in memory for good.
 */
function buffersFor(bytes: number): Buffers {
  if (bytes <= kept.tokens.length) return kept
  const fresh = { tokens: Buffer.allocUnsafe(bytes), joined: Buffer.allocUnsafe(bytes) }
  if (bytes <= MOST_KEPT_BYTES) kept = fresh
  return fresh
}

/** A letter (lowercased) or digit's code, or 0 for anything else. */
function wordChar(c: number): number {
  if ((c >= A && c <= Z) || (c >= 0x30 && c <= 0x39)) return c
  if (c >= 0x41 && c <= 0x5a) return c | 0x20
  return 0
}

/** Whether a character code (or byte) is one of the joiners WORD knows in ASCII: `'`, `-`, `.`, `/`. */
export function isJoinerByte(c: number): boolean {
  return c === HYPHEN || c === APOSTROPHE || c === DOT || c === SLASH
}

/** 2 for `--`, 1 for another joiner, 0 for none. */
function joinerLength(text: string, i: number): number {
  const c = text.charCodeAt(i)
  if (c === HYPHEN) return text.charCodeAt(i + 1) === HYPHEN ? 2 : 1
  return c === APOSTROPHE || c === DOT || c === SLASH ? 1 : 0
}

/**
 * token-form.ts's `stem` of the token `b[start, end)`, in place: where the stemmed token ends. The
 * same rules in the same order, read off the bytes (ascii-tokens.test.ts holds the two together).
 */
function stemmed(b: Buffer, start: number, end: number): number {
  if (end - start <= 3) return end
  const last = b[end - 1]
  if (last !== S && last !== E) return end
  const endsEs = last === S && b[end - 2] === E
  // (ss|x|ch|sh|zz)es → drop es; (ss|x|ch|sh|zz)e → drop e.
  if (endsEs && sibilantBefore(b, start, end - 2)) return end - 2
  if (last === E && sibilantBefore(b, start, end - 1)) return end - 1
  if (endsEs && end - start >= 4) {
    // (ys|[^e]es)es → analysi, as analysis
    const y = b[end - 4]
    const s = b[end - 3]
    if (s === S && (y === Y || (y === E && end - start >= 5 && b[end - 5] !== E))) {
      b[end - 2] = I
      return end - 1
    }
  }
  if (endsEs && b[end - 3] === I) {
    // ies → y, but not eies or aies
    const before = b[end - 4]
    if (before !== E && before !== A) {
      b[end - 3] = Y
      return end - 2
    }
  }
  // -es and -s lose the s (the rule for -aes, -ees and -oes spares them only to leave them to
  // this one); -us and -ss keep it.
  if (last === S) {
    const before = b[end - 2]
    return before === U || before === S ? end : end - 1
  }
  return end
}

/** Whether `b[start, at)` ends with ss, x, ch, sh or zz. */
function sibilantBefore(b: Buffer, start: number, at: number): boolean {
  const a = b[at - 1]
  if (a === X) return at - 1 >= start
  if (at - 2 < start) return false
  const z = b[at - 2]
  return (a === S && z === S) || (a === H && (z === C || z === S)) || (a === Z && z === Z)
}
