import type { Atom } from './model.js'

/**
 * Words that occur in nearly every paper: as required words they narrow nothing and cost the most
 * time. Dropped when typed bare beside other words; kept inside quotes and phrases.
 */
const STOPWORDS = new Set(
  'a an the of for and in on with to by from at as is are be or via using its it this that we our into than'.split(' '),
)

/** A bare common word: what parseQuery drops beside other words, and formatQuery quotes when kept. */
export const isStopword = (a: Atom) => a.field === 'all' && !a.phrase && !a.prefix && STOPWORDS.has(a.tokens[0] ?? '')
