import { collapseWhitespace } from '../platform/text.js'

/** The size chat apps and social sites show large: 1.91:1, as Open Graph and X recommend. */
export const CARD_WIDTH = 1200
export const CARD_HEIGHT = 630
const MARGIN = 72
const TEXT_WIDTH = CARD_WIDTH - 2 * MARGIN
const TITLE_MAX_LINES = 4 // with the byline and footer, four lines of 56 px fill the card
const BYLINE_MAX_LINES = 2
const ELLIPSIS = '…'

/** What a card shows, as plain text. */
export interface CardText {
  /** The site's name, at the top. */
  site: string
  title: string
  /** Authors, or the site's tagline. */
  byline: string
  /** A date and an id, at the bottom. */
  footer: string
}

/**
 * A preview card as SVG: site name, the title wrapped to at most four lines and the byline to
 * two, each cut with an ellipsis when longer, and a footer. Every piece of text is escaped.
 */
export function cardSvg(card: CardText): string {
  const title = wrapText(card.title, TEXT_WIDTH / TITLE_SIZE, TITLE_MAX_LINES, BOLD_WIDTHS)
  const byline = wrapText(card.byline, TEXT_WIDTH / BYLINE_SIZE, BYLINE_MAX_LINES, REGULAR_WIDTHS)
  const titleTop = 200
  const bylineTop = titleTop + title.length * TITLE_SIZE * LINE_HEIGHT + 24
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${CARD_WIDTH}" height="${CARD_HEIGHT}" viewBox="0 0 ${CARD_WIDTH} ${CARD_HEIGHT}">`,
    `<rect width="${CARD_WIDTH}" height="${CARD_HEIGHT}" fill="#fffdf7"/>`,
    `<rect width="${CARD_WIDTH}" height="14" fill="#fbbf24"/>`,
    // The site icon (platform/views/static/icon.svg) at 56 px.
    `<g transform="translate(${MARGIN} 64) scale(1.75)"><rect width="32" height="32" rx="7" fill="#1f2937"/>`,
    '<path d="M9 8h11l4 4v12H9z" fill="#fde68a"/>',
    '<path d="M12 14h9M12 18h9M12 22h6" stroke="#1f2937" stroke-width="2" stroke-linecap="round"/></g>',
    textLines([truncate(card.site, 40)], MARGIN + 76, 104, 34, 'bold', '#1f2937'),
    textLines(title, MARGIN, titleTop, TITLE_SIZE, 'bold', '#111827'),
    textLines(byline, MARGIN, bylineTop, BYLINE_SIZE, 'normal', '#4b5563'),
    textLines([truncate(card.footer, 70)], MARGIN, CARD_HEIGHT - 56, 28, 'normal', '#6b7280'),
    '</svg>',
  ].join('\n')
}

const TITLE_SIZE = 56
const BYLINE_SIZE = 32
const LINE_HEIGHT = 1.22

function textLines(lines: string[], x: number, top: number, size: number, weight: string, fill: string): string {
  if (lines.length === 0) return ''
  const spans = lines
    .map((line, i) => `<tspan x="${x}" y="${Math.round(top + i * size * LINE_HEIGHT)}">${escapeXml(line)}</tspan>`)
    .join('')
  return `<text font-family="${CARD_FONT}" font-size="${size}" font-weight="${weight}" fill="${fill}">${spans}</text>`
}

/**
 * Liberation Sans or DejaVu Sans: Debian's fontconfig depends on one of them (and Chromium on the
 * first), so a server almost always has one, with Latin, Greek and Cyrillic in regular and bold.
 * KaTeX's sans-serif, which ships with the katex package, is the last resort (render-png.ts).
 */
export const CARD_FONTS = ['Liberation Sans', 'DejaVu Sans', 'KaTeX_SansSerif']
const CARD_FONT = CARD_FONTS.map((f) => `'${f}'`).join(', ')

/** Escapes text for an XML text node or attribute; drops the control characters XML forbids. */
export function escapeXml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/[&<>"']/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' }[c]};`)
}

/**
 * Breaks `text` into lines of at most `maxEms` (in font-size units, estimated per character), at
 * spaces where it can and inside a word too long for a line; past `maxLines`, the last line ends
 * with an ellipsis.
 */
export function wrapText(text: string, maxEms: number, maxLines: number, widths = REGULAR_WIDTHS): string[] {
  const words = collapseWhitespace(text).split(' ').filter(Boolean)
  const lines: string[] = []
  let line = ''
  for (const word of words.flatMap((w) => splitLongWord(w, maxEms, widths))) {
    const candidate = line ? `${line} ${word}` : word
    if (measure(candidate, widths) <= maxEms) {
      line = candidate
      continue
    }
    lines.push(line)
    line = word
  }
  if (line) lines.push(line)
  if (lines.length <= maxLines) return lines
  const kept = lines.slice(0, maxLines)
  kept[maxLines - 1] = fitWithEllipsis(`${kept[maxLines - 1]} ${lines[maxLines]}`, maxEms, widths)
  return kept
}

function splitLongWord(word: string, maxEms: number, widths: Widths): string[] {
  if (measure(word, widths) <= maxEms) return [word]
  const parts: string[] = []
  let part = ''
  for (const ch of word) {
    if (part && measure(part + ch, widths) > maxEms) {
      parts.push(part)
      part = ''
    }
    part += ch
  }
  return part ? [...parts, part] : parts
}

/** Cuts `line` to fit with an ellipsis, after a whole word when that keeps most of the line. */
function fitWithEllipsis(line: string, maxEms: number, widths: Widths): string {
  let chars = [...line]
  while (chars.length > 0 && measure(chars.join('') + ELLIPSIS, widths) > maxEms) chars = chars.slice(0, -1)
  let cut = chars.join('')
  const lastSpace = cut.lastIndexOf(' ')
  if (lastSpace > cut.length / 2) cut = cut.slice(0, lastSpace)
  return cut.replace(/[\s,.;:–—-]+$/, '') + ELLIPSIS
}

function truncate(text: string, maxChars: number): string {
  const chars = [...collapseWhitespace(text)]
  return chars.length <= maxChars
    ? chars.join('')
    : `${chars
        .slice(0, maxChars - 1)
        .join('')
        .trimEnd()}${ELLIPSIS}`
}

/** Estimated advance widths in ems, by kind of character; generous, so a line never overflows. */
interface Widths {
  narrow: number
  lower: number
  upper: number
  wide: number
  space: number
}
const REGULAR_WIDTHS: Widths = { narrow: 0.3, lower: 0.52, upper: 0.66, wide: 0.9, space: 0.33 }
const BOLD_WIDTHS: Widths = { narrow: 0.32, lower: 0.57, upper: 0.72, wide: 0.98, space: 0.35 }

export function measure(text: string, widths: Widths): number {
  let ems = 0
  for (const ch of text) {
    if (ch === ' ') ems += widths.space
    else if (/[ijlI.,;:'!|()[\]ft\-]/.test(ch)) ems += widths.narrow
    else if (/[mwMW@%]/.test(ch) || ch.codePointAt(0)! >= 0x2e80)
      ems += widths.wide // and CJK
    else if (/[A-Z0-9]/.test(ch)) ems += widths.upper
    else ems += widths.lower
  }
  return ems
}
