// Cutting real titles and abstracts into pieces that recombine without breaking LaTeX.

/** Words that end in a full stop without ending a sentence, common in abstracts. */
const ABBREVIATIONS = new Set(
  [
    'e.g. i.e. al. etc. vs. cf. resp. approx. Fig. Figs. Eq. Eqs. Ref. Refs. Sec. Secs.',
    'Tab. Thm. No. Vol. pp. Dr. Prof. St. Mr. Ms. Jr.',
  ]
    .join(' ')
    .split(' '),
)
const INITIAL = /^\(?[A-Z]\.$/

/**
 * An abstract's sentences, split after `.`, `!` or `?` followed by a capital. Splits inside `$…$`
 * math, after an abbreviation or after an initial ("J. Smith") are skipped.
 */
export function splitSentences(text: string): string[] {
  const sentences: string[] = []
  let start = 0
  for (const match of text.matchAll(/[.!?] (?=[A-Z])/g)) {
    const end = match.index + 1
    if (!isSentenceEnd(text, start, end)) continue
    sentences.push(text.slice(start, end))
    start = end + 1
  }
  sentences.push(text.slice(start))
  return sentences
}

function isSentenceEnd(text: string, start: number, end: number): boolean {
  const lastWord = text.slice(text.lastIndexOf(' ', end - 1) + 1, end)
  if (ABBREVIATIONS.has(lastWord) || INITIAL.test(lastWord)) return false
  return isClosed(countDelimiters(text.slice(start, end), newDelimiters()))
}

/** A real title, with the places where it may be cut. */
export interface CuttableTitle {
  text: string
  /** Offsets of the words before which every `$` math span and `{}` group is closed. */
  cuts: number[]
}

export function toCuttableTitle(text: string): CuttableTitle {
  const cuts: number[] = []
  const delimiters = newDelimiters()
  let wordStart = 0
  for (let space = text.indexOf(' '); space !== -1; space = text.indexOf(' ', space + 1)) {
    if (isClosed(countDelimiters(text.slice(wordStart, space), delimiters))) cuts.push(space + 1)
    wordStart = space + 1
  }
  return { text, cuts }
}

/**
 * A title made of the start of one real title and the end of another, cut between words. Both
 * cuts fall near the same `fraction` of their titles, so the result is as long as the two on
 * average. When either title can't be cut, the first is returned whole.
 */
export function spliceTitles(first: CuttableTitle, second: CuttableTitle, fraction: number): string {
  const headCut = nearest(first.cuts, fraction * first.text.length)
  const tailCut = nearest(second.cuts, fraction * second.text.length)
  if (headCut === undefined || tailCut === undefined) return first.text
  return `${first.text.slice(0, headCut)}${second.text.slice(tailCut)}`
}

function nearest(cuts: number[], target: number): number | undefined {
  let best: number | undefined
  for (const cut of cuts) {
    if (best === undefined || Math.abs(cut - target) < Math.abs(best - target)) best = cut
  }
  return best
}

interface Delimiters {
  dollars: number
  depth: number
}

function newDelimiters(): Delimiters {
  return { dollars: 0, depth: 0 }
}

/** Adds the `$` and `{}` in `text` to the running count (`\$` and `\{` are literal). */
function countDelimiters(text: string, delimiters: Delimiters): Delimiters {
  for (let i = 0; i < text.length; i++) {
    const char = text[i]
    if (char === '\\') i++
    else if (char === '$') delimiters.dollars++
    else if (char === '{') delimiters.depth++
    else if (char === '}') delimiters.depth--
  }
  return delimiters
}

function isClosed({ dollars, depth }: Delimiters): boolean {
  return dollars % 2 === 0 && depth === 0
}
