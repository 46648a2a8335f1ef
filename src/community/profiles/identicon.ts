import { createHash } from 'node:crypto'

/**
 * A member's avatar, drawn from a hash of their name: a coloured square with a mirrored 5×5
 * pattern (so two names rarely look alike) and the name's first letter on top (so a face in a
 * thread can be read as someone). The same name always gives the same picture, and any name gets
 * one, so the address says nothing about whether an account exists.
 */
export function identiconSvg(username: string): string {
  const key = username.toLowerCase()
  const hash = createHash('sha256').update(key).digest()
  const hue = ((hash[0]! << 8) | hash[1]!) % 360
  const background = hslHex(hue, BACKGROUND_SATURATION, BACKGROUND_LIGHTNESS)
  const pattern = hslHex(hue, BACKGROUND_SATURATION, PATTERN_LIGHTNESS)
  const cells: string[] = []
  // Columns 0–2 come from the hash and 3–4 mirror 1–0, as GitHub's identicons do.
  for (let row = 0; row < GRID; row++) {
    for (let col = 0; col < 3; col++) {
      if ((hash[2 + row * 3 + col]! & 1) === 0) continue
      for (const x of col === 2 ? [2] : [col, GRID - 1 - col]) {
        cells.push(`<rect x="${x * CELL}" y="${row * CELL}" width="${CELL}" height="${CELL}"/>`)
      }
    }
  }
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${SIZE} ${SIZE}" width="${SIZE}" height="${SIZE}" role="img" aria-label="${escapeXml(initialOf(key))}">`,
    `<rect width="${SIZE}" height="${SIZE}" fill="${background}"/>`,
    `<g fill="${pattern}">${cells.join('')}</g>`,
    `<text x="50%" y="50%" dy=".35em" text-anchor="middle" font-family="system-ui, sans-serif" font-size="${FONT_SIZE}" font-weight="700" fill="#ffffff">${escapeXml(initialOf(key))}</text>`,
    '</svg>',
  ].join('')
}

const GRID = 5
const CELL = 16
const SIZE = GRID * CELL
const FONT_SIZE = 44
// Dark enough for white text to reach 4.5:1 (WCAG AA) on every hue, yellow included (the test checks).
const BACKGROUND_SATURATION = 0.55
const BACKGROUND_LIGHTNESS = 0.3
const PATTERN_LIGHTNESS = 0.22

/** The letter shown: the name's first letter or digit, upper-cased; `?` when it has none. */
export function initialOf(name: string): string {
  const first = /[\p{L}\p{N}]/u.exec(name)?.[0]
  return first ? first.toUpperCase() : '?'
}

/** `#rrggbb` of an HSL colour (h in degrees, s and l in 0–1). */
export function hslHex(h: number, s: number, l: number): string {
  const k = (n: number) => (n + h / 30) % 12
  const a = s * Math.min(l, 1 - l)
  const channel = (n: number) => Math.round(255 * (l - a * Math.max(-1, Math.min(k(n) - 3, 9 - k(n), 1))))
  return `#${[0, 8, 4].map((n) => channel(n).toString(16).padStart(2, '0')).join('')}`
}

const escapeXml = (s: string) =>
  s.replace(/[<>&"']/g, (ch) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[ch]!)
