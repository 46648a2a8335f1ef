import { describe, expect, it } from 'vitest'
import { hslHex, identiconSvg, initialOf } from './identicon.js'

const luminance = (hex: string) => {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
  })
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!
}
const contrastWithWhite = (hex: string) => 1.05 / (luminance(hex) + 0.05)
const fills = (svg: string) => [...svg.matchAll(/fill="(#[0-9a-f]{6})"/g)].map((m) => m[1]!)

describe('identicon avatars', () => {
  it('draws the same picture for the same name, whatever its case', () => {
    expect(identiconSvg('Ada')).toBe(identiconSvg('ada'))
  })

  it('gives different names different colours or patterns', () => {
    const pictures = new Set(
      ['ada', 'alan', 'grace', 'edsger', 'barbara', 'donald', 'frances', 'john'].map(identiconSvg),
    )
    expect(pictures.size).toBe(8)
    const colours = new Set(['ada', 'alan', 'grace', 'edsger', 'barbara'].map((n) => fills(identiconSvg(n))[0]))
    expect(colours.size).toBeGreaterThan(3)
  })

  it('shows the first letter in white with at least 4.5:1 contrast on every hue', () => {
    expect(identiconSvg('grace')).toMatch(/>G<\/text>/)
    for (let hue = 0; hue < 360; hue++) {
      expect(contrastWithWhite(hslHex(hue, 0.55, 0.3))).toBeGreaterThanOrEqual(4.5)
      expect(contrastWithWhite(hslHex(hue, 0.55, 0.22))).toBeGreaterThanOrEqual(4.5)
    }
  })

  it('draws a letter-less or hostile name as escaped text, never as markup', () => {
    expect(initialOf('_-_')).toBe('?')
    expect(initialOf('élodie')).toBe('É')
    const svg = identiconSvg('<script>alert(1)</script>')
    expect(svg).not.toContain('<script')
    expect(svg).toMatch(/>S<\/text>/)
  })

  it('converts HSL colours like CSS does', () => {
    expect(hslHex(0, 1, 0.5)).toBe('#ff0000')
    expect(hslHex(120, 1, 0.25)).toBe('#008000')
    expect(hslHex(240, 1, 0.5)).toBe('#0000ff')
  })
})
