import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { renderAsync } from '@resvg/resvg-js'
import { CARD_FONT } from './card-svg.js'

// KaTeX ships its fonts (MIT) with the package Paperboy already installs, so cards look the same
// on every machine; system fonts are loaded too, as a fallback for letters KaTeX's lack.
const katexFonts = join(dirname(createRequire(import.meta.url).resolve('katex/package.json')), 'dist', 'fonts')
const FONT_FILES = ['KaTeX_SansSerif-Regular.ttf', 'KaTeX_SansSerif-Bold.ttf'].map((f) => join(katexFonts, f))

/** Renders an SVG to PNG on libuv's thread pool, so a render never blocks requests. */
export async function renderPng(svg: string): Promise<Buffer> {
  const image = await renderAsync(svg, {
    font: { fontFiles: FONT_FILES, loadSystemFonts: true, defaultFontFamily: CARD_FONT, sansSerifFamily: CARD_FONT },
  })
  return image.asPng()
}
