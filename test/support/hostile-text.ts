import fc from 'fast-check'

/**
 * What a search box may receive: the query language's own syntax in every wrong place, FTS5,
 * tsquery and SQL syntax, TeX, characters that fold or expand (ligatures, İ, ½), control
 * characters, lone surrogates, emoji, and texts far past the length read.
 */
const pieces = fc.constantFrom(
  '"',
  '“',
  '”',
  '-',
  '--',
  '*',
  ':',
  '|',
  'OR',
  'or',
  'AND',
  'NOT',
  '(',
  ')',
  '^',
  ':*',
  '&',
  '!',
  '\\',
  '<->',
  'NEAR(',
  "'; drop table papers; --",
  "' OR 1=1 --",
  'title:',
  'ti:',
  'au:',
  'author:',
  'abs:',
  'abstract:',
  'cat:',
  'year:',
  'cat:cs.LG',
  'cat:hep-th',
  'year:2022..2024',
  'year:2024..2022',
  'year:0',
  '..',
  '$\\alpha$',
  '_{2}',
  'α',
  'ﬁ',
  '\uFDFA',
  'İ',
  'ǅ',
  '½',
  '\u0000',
  '\u0007',
  '\u001b',
  '\uD800',
  '\uDFFF',
  '\u200B',
  '\u00AD',
  '\u0301',
  '🔥',
  '👩‍🔬',
  ' ',
  '\t',
  '\n',
  'transformer',
  'pre-training',
  'GPT-4',
  'the',
  'a',
  'models',
  'lang*',
  'x'.repeat(45),
)
// Any UTF-16 code unit, lone surrogates included (fc.string's 'binary' unit gives only whole code points).
const codeUnits = fc.string({
  unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
  maxLength: 8,
})

export const hostileText = fc
  .array(fc.oneof(pieces, fc.string({ unit: 'binary', maxLength: 8 }), codeUnits), { maxLength: 60 })
  .map((parts) => parts.join(''))

/** A hostile text repeated to 900–10,000 characters, past the 1,000 the reader takes. */
export const hugeText = fc
  .tuple(hostileText, fc.integer({ min: 900, max: 10_000 }))
  .map(([s, n]) => (s.length === 0 ? 'x'.repeat(n) : s.repeat(Math.ceil(n / s.length))))

/** Printable ASCII (fc.string), any Unicode code points (v4's spelling of fullUnicodeString), hostile, huge. */
export const anyQueryText = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), hostileText, hugeText)
