import { renderMath } from './math.js'
import { parseTex, type TexNode } from './parse.js'
import { ACCENTS, LATEX_FOR_SYMBOL } from './symbols.js'

const STYLE_COMMANDS = {
  em: 'emph',
  strong: 'textbf',
  code: 'texttt',
  smallcaps: 'textsc',
  sup: 'textsuperscript',
  sub: 'textsubscript',
} as const

/** What each character LaTeX treats specially becomes in text (braces as commands: see below). */
const LATEX_ESCAPES: Record<string, string> = {
  '\\': '\\textbackslash{}',
  '{': '\\textbraceleft{}',
  '}': '\\textbraceright{}',
  '~': '\\textasciitilde{}',
  '^': '\\textasciicircum{}',
  $: '\\$',
  '%': '\\%',
  '&': '\\&',
  '#': '\\#',
  _: '\\_',
  '<': '\\textless{}',
  '>': '\\textgreater{}',
  '|': '\\textbar{}',
  '\u00a0': '~',
  '\u2009': '\\,',
}

/**
 * TeX-flavoured text as the value of a BibTeX field that compiles: TeX that is valid (math KaTeX
 * can parse, escapes, accents, \emph) is kept as TeX, and every other character LaTeX treats
 * specially is escaped. Accented letters are written as braced accent commands (`{\'e}`), the form
 * DBLP and Google Scholar export, which classic BibTeX sorts and abbreviates correctly, biber reads
 * as Unicode, and any input encoding typesets; Greek letters and math symbols, which text fonts
 * lack, become math commands. Only characters without a LaTeX name (CJK, emoji) stay UTF-8, for
 * biber and Unicode engines (docs/decisions/0012-tex-in-titles-and-abstracts.md).
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
  // A letter with the combining marks that follow it is one character to LaTeX.
  for (const ch of text.match(/\P{M}\p{M}*|\p{M}+/gu) ?? []) {
    const symbol = LATEX_FOR_SYMBOL.get(ch)
    if (ch in LATEX_ESCAPES) out += LATEX_ESCAPES[ch]
    else if (symbol) out += `\\ensuremath{${symbol}}`
    else if (isControl(ch)) out += ' '
    else out += /[^\x20-\x7e]/.test(ch) ? nameNonAscii(ch) : ch
  }
  return out
}

/** What LaTeX calls a character beyond ASCII: `{\'e}`, `{\ss}`, `--`; the character itself when it has no name. */
function nameNonAscii(ch: string): string {
  const named = LATEX_FOR_TEXT.get(ch)
  if (named) return named
  const [base, ...marks] = ch.normalize('NFD')
  if (!base || !/[a-zA-Z]/.test(base) || marks.length === 0) return ch
  // `\'i`, not `\'\i`: LaTeX's T1 fonts place it right, and biber reads `\'\i` back as a dotless ı
  // with a combining accent, which has no precomposed form and stops pdfLaTeX.
  let out = base
  for (const mark of marks) {
    const accent = ACCENT_FOR_MARK.get(mark)
    if (!accent) return ch
    out = /[a-zA-Z]/.test(accent) ? `\\${accent}{${out}}` : `\\${accent}${out}`
  }
  return `{${out}}`
}

const ACCENT_FOR_MARK = new Map(Object.entries(ACCENTS).map(([accent, mark]) => [mark, accent]))

/** Letters and punctuation LaTeX names without an accent: ß, ø, ł, –, “, … */
const LATEX_FOR_TEXT = new Map([
  ['ß', '{\\ss}'],
  ['ø', '{\\o}'],
  ['Ø', '{\\O}'],
  ['æ', '{\\ae}'],
  ['Æ', '{\\AE}'],
  ['œ', '{\\oe}'],
  ['Œ', '{\\OE}'],
  ['ł', '{\\l}'],
  ['Ł', '{\\L}'],
  ['ı', '{\\i}'],
  ['ȷ', '{\\j}'],
  ['–', '--'],
  ['—', '---'],
  ['‘', '`'],
  ['’', "'"],
  ['“', '``'],
  ['”', "''"],
  ['…', '\\ldots{}'],
  ['†', '\\dag{}'],
  ['‡', '\\ddag{}'],
  ['§', '\\S{}'],
  ['¶', '\\P{}'],
  ['©', '\\copyright{}'],
  ['®', '\\textregistered{}'],
  ['™', '\\texttrademark{}'],
  ['°', '\\textdegree{}'],
  ['×', '\\texttimes{}'],
  ['±', '\\textpm{}'],
  ['·', '\\textperiodcentered{}'],
  ['•', '\\textbullet{}'],
  ['€', '\\texteuro{}'],
  ['£', '\\pounds{}'],
])

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
