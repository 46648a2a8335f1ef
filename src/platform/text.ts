/**
 * Collapses runs of whitespace to one space and trims: arXiv hard-wraps titles, abstracts and
 * comments (`\n  `) in some formats and not in others, and pages show them on one line.
 */
export function collapseWhitespace(text: string): string {
  // Most names and many titles are clean already; testing is much cheaper than rewriting.
  return NEEDS_COLLAPSE.test(text) ? text.replace(/\s+/g, ' ').trim() : text
}

// Two whitespace characters in a row, any whitespace but a plain space, or a space at either end.
const NEEDS_COLLAPSE = /\s\s|[^\S ]|^ | $/
