/**
 * The index tokens of lowercase ASCII text, in one pass over its character codes: the same tokens
 * as normalize.ts's `words` gives for it (ascii-tokens.test.ts holds the two together), without
 * a regular expression or an object per word, since every paper an ingest writes comes through
 * here. It reads a word as WORD_ASCII does: letters and digits, joined by `'`, `-`, `.`, `/` or
 * `--` when a letter or digit follows, with TEX_GLUE (`\x01`) anywhere inside and dropped.
 */
import { cut, stem } from './token-form.js'

const GLUE = 0x01
const APOSTROPHE = 0x27
const HYPHEN = 0x2d
const DOT = 0x2e
const SLASH = 0x2f

/** Tokens in reading order, then the joined tokens of compounds (pre-training → pretraining). */
export function asciiTokens(source: string): string[] {
  const tokens: string[] = []
  let joined: string[] | null = null
  const n = source.length
  let i = 0
  while (i < n) {
    // The word starts at a letter or digit, or at the glue right before one.
    const start = i
    const first = afterGlue(source, i)
    if (first >= n || !isAlphanumeric(source.charCodeAt(first))) {
      i = first === i ? i + 1 : first
      continue
    }
    let glued = first > start
    i = first
    let compound = false
    for (;;) {
      // Letters, digits and glue, then a joiner if a letter or digit follows it (after glue).
      for (; i < n; i++) {
        const c = source.charCodeAt(i)
        if (c === GLUE) glued = true
        else if (!isAlphanumeric(c)) break
      }
      const joiner = joinerLength(source, i)
      if (joiner === 0) break
      const next = afterGlue(source, i + joiner)
      if (next >= n || !isAlphanumeric(source.charCodeAt(next))) break
      if (next > i + joiner) glued = true
      compound = true
      i = next
    }
    const raw = glued ? source.slice(start, i).replaceAll('\x01', '') : source.slice(start, i)
    if (!compound) {
      tokens.push(stem(cut(raw)))
      continue
    }
    // As `words` reads a compound: a trailing 's goes, each piece is a token, and so are they joined.
    const pieces = (raw.endsWith("'s") ? raw.slice(0, -2) : raw).split(JOINER).filter(Boolean)
    for (const piece of pieces) tokens.push(stem(cut(piece)))
    if (pieces.length > 1) (joined ??= []).push(stem(cut(pieces.join(''))))
  }
  return joined ? tokens.concat(joined) : tokens
}

const JOINER = /['\-./]/

function isAlphanumeric(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39)
}

function afterGlue(source: string, i: number): number {
  while (source.charCodeAt(i) === GLUE) i++
  return i
}

/** 2 for `--`, 1 for another joiner, 0 for none. */
function joinerLength(source: string, i: number): number {
  const c = source.charCodeAt(i)
  if (c === HYPHEN) return source.charCodeAt(i + 1) === HYPHEN ? 2 : 1
  return c === APOSTROPHE || c === DOT || c === SLASH ? 1 : 0
}
