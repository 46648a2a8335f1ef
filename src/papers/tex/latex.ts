import { renderMath } from './math.js'
import { parseTex, type TexNode } from './parse.js'
import { LATEX_FOR_SYMBOL } from './symbols.js'

const STYLE_COMMANDS = {
  em: 'emph', strong: 'textbf', code: 'texttt', smallcaps: 'textsc', sup: 'textsuperscript', sub: 'textsubscript',
} as const

/** What each character LaTeX treats specially becomes in text (braces as commands: see below). */
const LATEX_ESCAPES: Record<string, string> = {
  '\\': '\\textbackslash{}', '{': '\\textbraceleft{}', '}': '\\textbraceright{}', '~': '\\textasciitilde{}',
  '^': '\\textasciicircum{}', $: '\\$', '%': '\\%', '&': '\\&', '#': '\\#', _: '\\_', '<': '\\textless{}',
  '>': '\\textgreater{}', '|': '\\textbar{}', '\u00a0': '~', '\u2009': '\\,',
}

/**
 * TeX-flavoured text as the value of a BibTeX field that compiles: TeX that is valid (math KaTeX
 * can parse, escapes, accents, \emph) is kept as TeX, and every other character LaTeX treats
 * specially is escaped. Non-ASCII letters stay UTF-8, which biber reads and LaTeX's default UTF-8
 * input typesets; Greek letters and math symbols, which pdfLaTeX's text fonts lack, become math
 * commands (docs/decisions/0008).
 */
export function texToLatex(text: string): string {
  return latexNodes(parseTex(text))
}

function latexNodes(nodes: TexNode[]): string {
  let out = ''
  for (const node of nodes) {
    if (node.kind === 'text') out += escapeLatex(node.text)
    else if (node.kind === 'math') out += latexMath(node.tex) ?? escapeLatex(node.source)
    else if (node.kind === 'group') out += `{${latexNodes(node.children)}}`
    else out += `\\${STYLE_COMMANDS[node.style]}{${latexNodes(node.children)}}`
  }
  return out
}

function escapeLatex(text: string): string {
  let out = ''
  for (const ch of text) {
    const symbol = LATEX_FOR_SYMBOL.get(ch)
    out += LATEX_ESCAPES[ch] ?? (symbol ? `\\ensuremath{${symbol}}` : isControl(ch) ? ' ' : ch)
  }
  return out
}

/**
 * The formula as LaTeX math, or null to show it as text: when KaTeX cannot parse it, when its
 * braces do not balance (BibTeX counts `\{` too, and an unbalanced field breaks the whole file),
 * or when it holds characters pdfLaTeX's math fonts lack.
 */
function latexMath(tex: string): string | null {
  // A `%` comments out the rest of the formula, `$` included; KaTeX reads it the same way.
  const formula = tex.replace(/(?<!\\)%.*/s, '')
  if (renderMath(tex) === null || !hasBalancedBraces(formula)) return null
  let out = ''
  for (const ch of formula) {
    const symbol = LATEX_FOR_SYMBOL.get(ch)
    if (symbol) out += `${symbol} `
    else if (ch.charCodeAt(0) > 0x7e || isControl(ch)) return null
    else out += ch
  }
  return `$${out}$`
}

function hasBalancedBraces(s: string): boolean {
  let depth = 0
  for (const ch of s) {
    depth += ch === '{' ? 1 : ch === '}' ? -1 : 0
    if (depth < 0) return false
  }
  return depth === 0
}

const isControl = (ch: string) => ch.charCodeAt(0) < 0x20 || ch === '\u007f'
