import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { renderAsync } from '@resvg/resvg-js'
import { CARD_FONTS } from './card-svg.js'

// KaTeX ships fonts (MIT) with a package Paperboy already installs: a card has legible text even
// on a machine without any system font. System fonts come first when present (card-svg.ts).
const katexFonts = join(dirname(createRequire(import.meta.url).resolve('katex/package.json')), 'dist', 'fonts')
const FONT_FILES = ['KaTeX_SansSerif-Regular.ttf', 'KaTeX_SansSerif-Bold.ttf'].map((f) => join(katexFonts, f))

/** Renders an SVG to PNG on libuv's thread pool, so a render never blocks requests. */
export async function renderPng(svg: string): Promise<Buffer> {
  const image = await renderAsync(svg, {
    font: {
      fontFiles: FONT_FILES,
      loadSystemFonts: true,
      defaultFontFamily: CARD_FONTS[0],
      sansSerifFamily: CARD_FONTS[0],
    },
  })
  return image.asPng()
}
