import { ACCENTS, INVISIBLE, LETTER_SYMBOLS, MATH_SYMBOLS, TEXT_SYMBOLS } from './symbols.js'

export type TexStyle = 'em' | 'strong' | 'code' | 'smallcaps' | 'sup' | 'sub'

/**
 * TeX-flavoured text (arXiv titles and abstracts, and Hugging Face's copies of them) as a tree:
 * text is already Unicode (`\'e` → é, `--` → –), math keeps its TeX for KaTeX, and a group keeps
 * its braces only for BibTeX, where `{BERT}` protects capitals.
 */
export type TexNode =
  | { kind: 'text'; text: string }
  | { kind: 'math'; tex: string; source: string }
  | { kind: 'style'; style: TexStyle; children: TexNode[] }
  | { kind: 'group'; children: TexNode[] }

/** Commands taking one argument that is shown in a style (`null`: shown plain). */
const STYLE_COMMANDS: Record<string, TexStyle | null> = {
  emph: 'em',
  textit: 'em',
  textsl: 'em',
  textbf: 'strong',
  texttt: 'code',
  textsc: 'smallcaps',
  textsuperscript: 'sup',
  textsubscript: 'sub',
  textrm: null,
  textsf: null,
  textup: null,
  textmd: null,
  textnormal: null,
  mbox: null,
  text: null,
  underline: null,
  footnote: null,
  uppercase: null,
}

/** Declarations that style the rest of their group: `{\bf fast}`. */
const DECLARATIONS: Record<string, TexStyle | null> = {
  em: 'em',
  it: 'em',
  sl: 'em',
  itshape: 'em',
  slshape: 'em',
  bf: 'strong',
  bfseries: 'strong',
  tt: 'code',
  ttfamily: 'code',
  sc: 'smallcaps',
  scshape: 'smallcaps',
  rm: null,
  sf: null,
  normalfont: null,
  upshape: null,
  rmfamily: null,
  sffamily: null,
  mdseries: null,
}

/** Control symbols (a backslash and one non-letter) that print a character or a space. */
const CONTROL_SYMBOLS: Record<string, string> = {
  '&': '&',
  '%': '%',
  $: '$',
  '#': '#',
  _: '_',
  '{': '{',
  '}': '}',
  '\\': ' ',
  ' ': ' ',
  '\n': ' ',
  ',': '\u2009',
  ';': ' ',
  ':': ' ',
  '>': ' ',
  '!': '',
  '/': '',
  '-': '',
  '@': '',
}

// `R^2ec`, `UI2Code^N:`, `FaSTA^*`; a lone `_` is too common in identifiers (`gpt_4o`) to lower.
const RAISED = /^(?:-?\d+|[A-Za-z*](?![A-Za-z]))/

const PLAIN_RUN = /[\\$^_{}~`'-]/g
const DASHES: [string, string][] = [
  ['---', '—'],
  ['--', '–'],
  ['``', '“'],
  ["''", '”'],
]

/** Parses TeX-flavoured text. Anything it does not understand stays as its source text. */
export function parseTex(s: string): TexNode[] {
  return new TexParser(s).parse(0, s.length)
}

class TexParser {
  private readonly match: Int32Array

  constructor(private readonly s: string) {
    this.match = matchBraces(s)
  }

  parse(from: number, to: number): TexNode[] {
    const { s } = this
    const out = new NodeList()
    let i = from
    while (i < to) {
      const ch = s[i]!
      if (ch === '\\') {
        i = this.command(i, to, out)
      } else if (ch === '$') {
        const math = this.dollarMath(i, to)
        if (math) {
          out.push(math.node)
          i = math.end
        } else {
          out.text('$')
          i++
        }
      } else if (ch === '{') {
        const close = this.match[i]!
        if (close > i && close < to) {
          out.push({ kind: 'group', children: this.parse(i + 1, close) })
          i = close + 1
        } else {
          out.text('{')
          i++
        }
      } else if ((ch === '^' || ch === '_') && i + 1 < to) {
        i = this.script(i, to, out)
      } else if (ch === '~') {
        // `Mamba~2` is TeX's unbreakable space; `a ~2% drop` means "about".
        const tie = i > from && /\S/.test(s[i - 1]!) && i + 1 < to && /\S/.test(s[i + 1]!)
        out.text(tie ? '\u00a0' : '~')
        i++
      } else if (ch === '-' || ch === '`' || ch === "'") {
        const dash = DASHES.find(([tex]) => s.startsWith(tex, i) && i + tex.length <= to)
        out.text(dash ? dash[1] : ch)
        i += dash ? dash[0].length : 1
      } else {
        // Most of an abstract is plain prose: take it up to the next character TeX gives a meaning.
        PLAIN_RUN.lastIndex = i
        const stop = Math.min(PLAIN_RUN.exec(s)?.index ?? to, to)
        out.text(s.slice(i, Math.max(stop, i + 1)))
        i = Math.max(stop, i + 1)
      }
    }
    return out.nodes
  }

  /** `\…` at i: an escape, accent, symbol, style, inline math or (unknown) its own source. */
  private command(i: number, to: number, out: NodeList): number {
    const { s } = this
    const name = /^[a-zA-Z]+/.exec(s.slice(i + 1, Math.min(to, i + 40)))?.[0]
    if (!name) {
      const next = s[i + 1]
      if (next === undefined || i + 1 >= to) return out.literal('\\', i + 1)
      if (next === '(' || next === '[') {
        const close = s.indexOf(next === '(' ? '\\)' : '\\]', i + 2)
        if (close > i + 2 && close + 2 <= to) {
          out.push({ kind: 'math', tex: s.slice(i + 2, close), source: s.slice(i, close + 2) })
          return close + 2
        }
      }
      if (next in ACCENTS) return this.accent(next, i + 2, to, out)
      if (next in CONTROL_SYMBOLS) return out.literal(CONTROL_SYMBOLS[next]!, i + 2)
      return out.literal(`\\${next}`, i + 2)
    }
    let end = i + 1 + name.length
    if (name.length === 1 && name in ACCENTS && !(name in TEXT_SYMBOLS)) {
      return this.accent(name, this.skipSpaces(end, to), to, out)
    }
    const symbol = lookUp(TEXT_SYMBOLS, name) ?? lookUp(MATH_SYMBOLS, name)
    if (symbol !== undefined || INVISIBLE.has(name)) {
      if (LETTER_SYMBOLS.has(name)) end = this.skipSpaces(end, to)
      out.text(symbol ?? '')
      return s.startsWith('{}', end) && end + 2 <= to ? end + 2 : end
    }
    const style = lookUp(STYLE_COMMANDS, name)
    if (style !== undefined) {
      const arg = this.argument(end, to)
      if (!arg) return out.literal(`\\${name}`, end)
      const children = this.parse(arg.start, arg.end)
      out.push(style ? { kind: 'style', style, children } : { kind: 'group', children })
      return arg.end + 1
    }
    const declared = lookUp(DECLARATIONS, name)
    if (declared !== undefined) {
      const children = this.parse(this.skipSpaces(end, to), to)
      out.push(declared ? { kind: 'style', style: declared, children } : { kind: 'group', children })
      return to
    }
    if (name === 'url') {
      const arg = this.argument(end, to)
      if (arg) {
        out.push({ kind: 'style', style: 'code', children: [{ kind: 'text', text: s.slice(arg.start, arg.end) }] })
        return arg.end + 1
      }
    }
    // \href{url}{text}, \textcolor{red}{text}: the text; \color{red}: nothing.
    if (name === 'href' || name === 'textcolor' || name === 'color') {
      const first = this.argument(end, to)
      const second = first && name !== 'color' ? this.argument(first.end + 1, to) : null
      if (first && name === 'color') return first.end + 1
      if (second) {
        out.push(...this.parse(second.start, second.end))
        return second.end + 1
      }
    }
    out.text(`\\${name}`)
    return end
  }

  /** `\'e`, `\'{e}`, `\"{\i}`, `\c c`: the letter with a combining mark, composed where Unicode can. */
  private accent(accent: string, at: number, to: number, out: NodeList): number {
    const { s } = this
    let base: string | undefined
    let end = at
    if (s[at] === '{' && this.match[at]! > at && this.match[at]! < to) {
      const inner = s.slice(at + 1, this.match[at])
      base = /^(?:\\[ij](?![a-zA-Z])\s*|[^\\{}\s])$/.test(inner) ? inner.trim() : undefined
      end = this.match[at]! + 1
      if (inner === '') base = ''
    } else if (s.startsWith('\\i', at) || s.startsWith('\\j', at)) {
      if (!/[a-zA-Z]/.test(s[at + 2] ?? '')) {
        base = s.slice(at, at + 2)
        end = at + 2
      }
    } else if (at < to && /[^\s\\{}$]/.test(s[at]!)) {
      base = s[at]
      end = at + 1
    }
    if (base === undefined || base === '') {
      out.text(/[a-zA-Z]/.test(accent) ? `\\${accent}` : accent)
      return base === undefined ? at : end
    }
    const letter = base === '\\i' ? 'ı' : base === '\\j' ? 'ȷ' : base
    // An accent belongs on a letter; `\'1` is not TeX anyone meant, so it stays as written.
    if (!/\p{L}/u.test(letter)) return out.literal(`\\${accent}${base}`, end)
    // A mark on a dotless i is the ordinary accented i: í, ï.
    const plain = letter === 'ı' ? 'i' : letter === 'ȷ' ? 'j' : letter
    out.text(`${plain}${ACCENTS[accent]}`.normalize('NFC'))
    return end
  }

  /** `$…$` or `$$…$$` at i, under pandoc's rules so that prices (`1$`, `$4 and $5`) stay text. */
  private dollarMath(i: number, to: number): { node: TexNode; end: number } | null {
    const { s } = this
    const display = s[i + 1] === '$'
    const open = display ? 2 : 1
    const first = s[i + open]
    if (first === undefined || /\s/.test(first) || first === '$') return null
    for (let j = i + open; j < to; j++) {
      if (s[j] === '\\') {
        j++
        continue
      }
      if (s[j] !== '$') continue
      if (display) {
        if (s[j + 1] === '$' && j + 2 <= to) return this.mathNode(i, i + 2, j, j + 2)
        return null
      }
      if (/\S/.test(s[j - 1]!) && !/\d/.test(s[j + 1] ?? '')) return this.mathNode(i, i + 1, j, j + 1)
    }
    return null
  }

  private mathNode(start: number, texStart: number, texEnd: number, end: number) {
    const node: TexNode = { kind: 'math', tex: this.s.slice(texStart, texEnd), source: this.s.slice(start, end) }
    return { node, end }
  }

  /** `^{…}`/`_{…}` outside math (Hugging Face drops the `$`: `X^{2}-Gaussian`), and `10^6`, `M^3FinMeeting`. */
  private script(i: number, to: number, out: NodeList): number {
    const { s } = this
    const style = s[i] === '^' ? 'sup' : 'sub'
    const arg = this.argument(i + 1, to, false)
    if (arg) {
      out.push({ kind: 'style', style, children: this.parse(arg.start, arg.end) })
      return arg.end + 1
    }
    const raised = style === 'sup' ? RAISED.exec(s.slice(i + 1, Math.min(to, i + 12)))?.[0] : undefined
    if (!raised) return out.literal(s[i]!, i + 1)
    out.push({ kind: 'style', style, children: [{ kind: 'text', text: raised }] })
    return i + 1 + raised.length
  }

  /** A braced argument at `at` (after optional spaces): the span inside its braces. */
  private argument(at: number, to: number, spaces = true): { start: number; end: number } | null {
    const open = spaces ? this.skipSpaces(at, to) : at
    const close = this.s[open] === '{' ? this.match[open]! : -1
    return close > open && close < to ? { start: open + 1, end: close } : null
  }

  private skipSpaces(at: number, to: number): number {
    while (at < to && /\s/.test(this.s[at]!)) at++
    return at
  }
}

/** Collects nodes, merging neighbouring text. */
class NodeList {
  readonly nodes: TexNode[] = []

  /** Text the parser passes over as it is; returns where parsing goes on, for `return out.literal(…)`. */
  literal(text: string, next: number): number {
    this.text(text)
    return next
  }

  text(text: string): void {
    if (text === '') return
    const last = this.nodes.at(-1)
    if (last?.kind === 'text') last.text += text
    else this.nodes.push({ kind: 'text', text })
  }

  push(...nodes: TexNode[]): void {
    for (const node of nodes) {
      if (node.kind === 'text') this.text(node.text)
      else this.nodes.push(node)
    }
  }
}

/** A table's own entry: `\\constructor` in a title is not `Object`'s. */
export function lookUp<T>(table: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined
}

/** For each unescaped brace, the index of its partner, or -1 when it has none. */
function matchBraces(s: string): Int32Array {
  const match = new Int32Array(s.length).fill(-1)
  const open: number[] = []
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]
    if (ch === '\\') i++
    else if (ch === '{') open.push(i)
    else if (ch === '}' && open.length > 0) {
      const o = open.pop()!
      match[o] = i
      match[i] = o
    }
  }
  return match
}
