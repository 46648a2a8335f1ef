import { collapseWhitespace } from '../../platform/text.js'
import { renderMath } from './math.js'
import { lookUp, parseTex, type TexNode } from './parse.js'
import { MATH_SYMBOLS, SUBSCRIPTS, SUPERSCRIPTS } from './symbols.js'

/**
 * TeX-flavoured text as plain Unicode, for places that take no markup: `<title>`, `citation_*`
 * and OpenGraph tags, Markdown. Math becomes readable text: `$\pi_{\texttt{RL}}$` → `π_RL`.
 */
export function texToPlainText(text: string): string {
  return collapseWhitespace(plainNodes(parseTex(collapseWhitespace(text))))
}

function plainNodes(nodes: TexNode[]): string {
  let out = ''
  for (const node of nodes) {
    if (node.kind === 'text') out += node.text
    else if (node.kind === 'math') out += renderMath(node.tex) === null ? node.source : mathToPlain(node.tex)
    else if (node.kind === 'style' && (node.style === 'sup' || node.style === 'sub')) {
      out += script(node.style, plainNodes(node.children))
    } else out += plainNodes(node.children)
  }
  return out
}

/** `2` → `²` where Unicode has every character raised or lowered, else `^2`, `_RL`, `^(n+1)`. */
function script(kind: 'sup' | 'sub', text: string): string {
  const forms = kind === 'sup' ? SUPERSCRIPTS : SUBSCRIPTS
  const chars = [...text]
  if (chars.length > 0 && chars.every((ch) => ch in forms)) return chars.map((ch) => forms[ch]).join('')
  const mark = kind === 'sup' ? '^' : '_'
  return /^[\p{L}\p{N}.′*]*$/u.test(text) ? `${mark}${text}` : `${mark}(${text})`
}

/** Commands whose argument is shown as it is (fonts, text in math, decorations). */
const SHOW_ARGUMENT = new Set([
  'mathcal',
  'mathbf',
  'mathrm',
  'mathit',
  'mathbb',
  'mathsf',
  'mathtt',
  'mathfrak',
  'mathscr',
  'boldsymbol',
  'bm',
  'text',
  'textbf',
  'textit',
  'texttt',
  'textrm',
  'textsf',
  'operatorname',
  'mbox',
  'hat',
  'bar',
  'tilde',
  'vec',
  'dot',
  'ddot',
  'overline',
  'underline',
  'widehat',
  'widetilde',
  'emph',
  'mathnormal',
])
const SPACES = new Set(['quad', 'qquad', ',', ';', ':', ' ', '>', 'enspace', 'thinspace'])
const SILENT = new Set(['left', 'right', 'big', 'Big', 'bigg', 'Bigg', 'displaystyle', 'limits', '!', 'nolimits'])

/** A formula as plain text: symbols to Unicode, scripts raised where Unicode allows, braces gone. */
export function mathToPlain(tex: string): string {
  return new MathReader(tex).read(0, tex.length).replace(/\s+/g, ' ').trim()
}

class MathReader {
  constructor(private readonly s: string) {}

  read(from: number, to: number): string {
    let out = ''
    let i = from
    while (i < to) {
      const [text, end] = this.token(i, to)
      out += text
      i = end
    }
    return out
  }

  /** The text of one token or group starting at i, and where it ends. */
  private token(i: number, to: number): [string, number] {
    const { s } = this
    const ch = s[i]!
    if (ch === '{') {
      const close = this.closing(i, to)
      return [this.read(i + 1, close), Math.min(close + 1, to)]
    }
    if (ch === '^' || ch === '_') {
      if (i + 1 >= to) return ['', to]
      const [arg, end] = this.token(this.skipSpaces(i + 1, to), to)
      return [script(ch === '^' ? 'sup' : 'sub', arg.trim()), end]
    }
    if (ch === '~') return [' ', i + 1]
    if (ch !== '\\') return [ch, i + 1]
    const name = /^(?:[a-zA-Z]+|.)/s.exec(s.slice(i + 1, to))?.[0]
    if (!name) return ['', to]
    const end = i + 1 + name.length
    if (name === 'frac' || name === 'dfrac' || name === 'tfrac') {
      const [num, mid] = this.token(this.skipSpaces(end, to), to)
      const [den, last] = this.token(this.skipSpaces(mid, to), to)
      return [`${wrap(num)}/${wrap(den)}`, last]
    }
    if (name === 'sqrt') {
      const [arg, last] = this.token(this.skipSpaces(end, to), to)
      return [`√${wrap(arg)}`, last]
    }
    if (SHOW_ARGUMENT.has(name)) return this.token(this.skipSpaces(end, to), to)
    if (SPACES.has(name)) return [' ', end]
    if (SILENT.has(name)) return ['', end]
    return [lookUp(MATH_SYMBOLS, name) ?? name, end]
  }

  private closing(open: number, to: number): number {
    let depth = 0
    for (let j = open; j < to; j++) {
      if (this.s[j] === '\\') j++
      else if (this.s[j] === '{') depth++
      else if (this.s[j] === '}' && --depth === 0) return j
    }
    return to
  }

  private skipSpaces(at: number, to: number): number {
    while (at < to && /\s/.test(this.s[at]!)) at++
    return at
  }
}

const wrap = (s: string) => (/^[\p{L}\p{N}.]+$/u.test(s) ? s : `(${s})`)
