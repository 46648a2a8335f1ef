const ELLIPSIS = '…'

/**
 * `text` cut to at most `max` UTF-16 code units with an ellipsis, never between the halves of a
 * surrogate pair: chat services count length in one of code units or code points, and a text that
 * fits in code units fits in both.
 */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text
  if (max < 1) return ''
  let end = max - ELLIPSIS.length
  const code = text.charCodeAt(end - 1)
  if (code >= 0xd800 && code <= 0xdbff) end-- // a high surrogate whose low half would be cut off
  return text.slice(0, Math.max(0, end)) + ELLIPSIS
}

/** "3 new papers" / "1 new paper", or the change when the alert is about papers already known. */
export function headline(count: number): string {
  return count === 1 ? '1 new paper' : `${count} new papers`
}

/** The authors as a line: the first few, then how many more. */
export function authorLine(authors: string[], shown = 3): string {
  if (authors.length <= shown) return authors.join(', ')
  return `${authors.slice(0, shown).join(', ')} and ${authors.length - shown} more`
}
