// Hard wrapping as in arXiv's metadata snapshot, which keeps the line breaks of the .abs files.

/** The .abs writer keeps lines within 79 columns; a header's first line counts its label. */
const LINE_WIDTH = 79
/** Continuation lines of a header field start with two spaces, as in RFC 822 folding. */
const FOLD_INDENT = '  '

/** A header field (title, authors, comments, journal-ref) folded after its `Label: `. */
export function wrapField(text: string, label: string): string {
  return fillLines(text, LINE_WIDTH - label.length, LINE_WIDTH - FOLD_INDENT.length).join(`\n${FOLD_INDENT}`)
}

/** An abstract: a paragraph indented by two spaces, later lines flush left, ending in a newline. */
export function wrapAbstract(text: string): string {
  const lines = fillLines(text, LINE_WIDTH - FOLD_INDENT.length, LINE_WIDTH)
  return `${FOLD_INDENT}${lines.join('\n')}\n`
}

/** Greedy fill that breaks at spaces only; a word longer than a line stands alone on it. */
function fillLines(text: string, firstWidth: number, width: number): string[] {
  const lines: string[] = []
  let start = 0
  let lineWidth = firstWidth
  while (text.length - start > lineWidth) {
    let cut = text.lastIndexOf(' ', start + lineWidth)
    if (cut <= start) cut = text.indexOf(' ', start + lineWidth)
    if (cut === -1) break
    lines.push(text.slice(start, cut))
    start = cut + 1
    lineWidth = width
  }
  lines.push(text.slice(start))
  return lines
}
