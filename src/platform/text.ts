/**
 * Collapses runs of whitespace to one space and trims: arXiv hard-wraps titles, abstracts and
 * comments (`\n  `) in some formats and not in others, and pages show them on one line.
 */
export function collapseWhitespace(text: string): string {
  // Most names and many titles are clean already; testing is much cheaper than rewriting.
  return NEEDS_COLLAPSE.test(text) ? text.replace(UNCOLLAPSED, ' ').trim() : text
}

// Two whitespace characters in a row, any whitespace but a plain space, or a space at either end.
const NEEDS_COLLAPSE = /\s\s|[^\S ]|^ | $/
// A run of whitespace that is not already one plain space: replacing only these leaves the many
// single spaces of an abstract alone (`\s+` rewrote each of them), in a third of the time.
const UNCOLLAPSED = /\s{2,}|[^\S ]/g

/**
 * Text without NUL and unpaired UTF-16 surrogates: neither is text a reader can see, PostgreSQL
 * refuses both (and SQLite would store them), so one such character would cost a whole batch.
 */
export function withoutUnstorableChars(text: string): string {
  return MAYBE_UNSTORABLE.test(text) ? text.replace(UNSTORABLE, '') : text
}

// A cheap first look (any surrogate, paired or not), since nearly all text passes it.
const MAYBE_UNSTORABLE = /[\0\uD800-\uDFFF]/
// With the `u` flag a well-formed surrogate pair is one code point, so only lone halves are `Cs`.
const UNSTORABLE = /\0|\p{Cs}/gu
