import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { latestRecordings } from '../../../test/support/recorded.js'
import { TexText } from '../views/tex-text.js'
import { texToLatex } from './latex.js'
import { texToPlainText } from './plain.js'

const html = (text: string) => String(TexText({ text }))
const recorded = latestRecordings()
const title = (id: string) => recorded.get(id)!.paper.title
const abstract = (id: string) => recorded.get(id)!.paper.summary

describe('TeX shown on a page', () => {
  it('turns escapes, accents, dashes and quotes into Unicode', () => {
    expect(html(title('2508.15881'))).toBe(
      'TPLA: Tensor Parallel Latent Attention for Efficient Disaggregated Prefill &amp; Decode Inference',
    )
    expect(html(abstract('2503.17287'))).toContain('only utilizing 50% of training steps')
    expect(html(abstract('2509.24908'))).toContain('“Boletín Oficial del Estado” (BOE)')
    expect(html(abstract('2506.09007'))).toContain('Schrödinger Bridge Matching')
    expect(html(abstract('2503.14499'))).toContain('limitations of our results – including their degree')
    expect(html('{\\"o} \\ss{} \\c{c} \\v s \\aa{} --- Mamba~2')).toBe('ö ß ç š å — Mamba\u00a02')
  })

  it('shows \\emph, \\textbf and braced scripts as markup, and drops grouping braces', () => {
    expect(html(abstract('2505.20755'))).toContain('we name the <em>Uni-Instruct</em>.')
    expect(html('a \\textbf{C}ausal {BERT} and {\\it fast} code')).toBe(
      'a <strong>C</strong>ausal BERT and <em>fast</em> code',
    )
    expect(html(title('2503.21779'))).toMatch(/^X<sup>2<\/sup>-Gaussian: 4D/)
  })

  it('renders inline math as MathML, with $…$ and \\(…\\)', () => {
    expect(html('the $\\pi_{\\texttt{RL}}$ policy')).toMatch(
      /^the <span class="katex"><math xmlns="http:\/\/www.w3.org\/1998\/Math\/MathML"><semantics><mrow><msub><mi>π/,
    )
    const envelope = html(abstract('2606.02641'))
    expect(envelope).toContain('<msub><mi>B</mi><mi>j</mi></msub>')
    expect(envelope).not.toContain('\\(')
  })

  it('keeps dollars that are not math: prices, escaped and unpaired ones', () => {
    expect(html(title('2505.13103'))).toBe('Fixing 7,400 Bugs for 1$: Cheap Crash-Site Program Repair')
    expect(html(abstract('2504.15431'))).toContain('59.4K H100 GPU hours ($148K)')
    expect(html('costs $4 per test and $5 per run')).toBe('costs $4 per test and $5 per run')
  })

  it('shows math KaTeX cannot parse as its source, never an error', () => {
    expect(html('a $\\frac{a}{b$ here')).toBe('a $\\frac{a}{b$ here')
    expect(html('see $\\unknowncommand{x}$')).toBe('see $\\unknowncommand{x}$')
  })

  it('keeps unknown commands and a tilde meaning “about” as written', () => {
    expect(html('\\ModelName~significantly outperforms')).toBe('\\ModelName\u00a0significantly outperforms')
    expect(html(abstract('2503.13360'))).toContain('We observe only a ~2% accuracy drop')
  })

  it('takes commands named like JavaScript object properties as unknown commands', () => {
    expect(html('\\constructor \\toString{x} {\\__proto__ y}')).toBe('\\constructor \\toStringx __proto__ y')
    expect(texToPlainText('$\\toString$ \\hasOwnProperty')).toBe('$\\toString$ \\hasOwnProperty')
    expect(texToLatex('\\valueOf')).toBe('\\textbackslash{}valueOf')
  })

  it('escapes HTML in text and in math (an attack through a title)', () => {
    expect(html('<script>alert(1)</script> & $<img src=x onerror=alert(1)>$')).not.toMatch(/<script|<img/)
    expect(html('\\textbf{<b>}')).toBe('<strong>&lt;b&gt;</strong>')
  })

  it('renders every recorded title and abstract without inline styles or leftover escapes', () => {
    for (const { paper } of recorded.values()) {
      for (const text of [paper.title, paper.summary]) {
        const out = html(text)
        expect(out).not.toMatch(/style=|katex-error|\\[&%'"]/)
      }
    }
  }, 120_000)
})

describe('TeX as plain text', () => {
  it('writes math as readable Unicode for <title>, citation tags and Markdown', () => {
    expect(texToPlainText(title('2508.15881'))).toContain('Prefill & Decode Inference')
    expect(texToPlainText(title('2510.25889'))).toBe(
      'π_RL: Online RL Fine-tuning for Flow-based Vision-Language-Action Models',
    )
    expect(texToPlainText('$\\pi_{\\texttt{RL}}$: Online RL')).toBe('π_RL: Online RL')
    expect(texToPlainText(title('2503.21779'))).toMatch(/^X²-Gaussian: 4D/)
    expect(texToPlainText('$O(n^2)$ with $\\alpha \\leq \\frac{1}{2}$ and $x_{i+1}$')).toBe(
      'O(n²) with α ≤ 1/2 and xᵢ₊₁',
    )
    expect(texToPlainText('\\textbf{C}ausal at 50\\% -- \\emph{fast}')).toBe('Causal at 50% – fast')
  })

  it('leaves ordinary text alone, apart from whitespace', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9 .,:;!?()'"&%#@<>=+*/-]*$/), (text) => {
        fc.pre(!/--|''/.test(text))
        expect(texToPlainText(text)).toBe(text.replace(/\s+/g, ' ').trim())
      }),
    )
  })
})

describe('TeX in a BibTeX field', () => {
  it('writes accented letters as accent commands and Greek as math', () => {
    expect(texToLatex('Ivan Vulić and Gökhan Łukasz')).toBe('Ivan Vuli{\\\'c} and G{\\"o}khan {\\L}ukasz')
    expect(texToLatex("Bolet\\'{\\i}n at 50\\% for $4")).toBe("Bolet{\\'i}n at 50\\% for \\$4")
    expect(texToLatex('$β(π_j)$ and β')).toBe('$\\beta (\\pi _j)$ and \\ensuremath{\\beta}')
    expect(texToLatex('\\^b and \\v{z}')).toBe('{\\^b} and {\\v{z}}')
  })

  it('escapes every LaTeX special outside math and keeps BibTeX braces balanced, whatever the title', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'ab1 \\$%&#_{}~^`\'"-()[]é'), maxLength: 40 }), (text) => {
        const latex = texToLatex(text)
        let depth = 0
        for (const ch of latex) {
          depth += ch === '{' ? 1 : ch === '}' ? -1 : 0
          expect(depth).toBeGreaterThanOrEqual(0)
        }
        expect(depth).toBe(0)
        const outsideMath = latex.replace(/(?<!\\)\$[^$]*(?<!\\)\$/g, '')
        expect(outsideMath).not.toMatch(/(?<!\\)[#%&_^$]/)
        expect(outsideMath).not.toMatch(/[^\x20-\x7e]/)
      }),
    )
  })
})

describe('any text', () => {
  const TEX_CHARACTERS = 'x\\$^_{}()<>&"\' `~-emphtxbf'
  it('never throws, and its HTML holds only the markup TeX asks for', () => {
    const allowed = /<\/?(?:em|strong|code|sup|sub|span|math|semantics|annotation|m[a-z]+)(?: [a-z:-]+="[^"<>]*")*\/?>/g
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: fc.constantFrom(...TEX_CHARACTERS) })), (text) => {
        const out = html(text)
        expect(out.replace(allowed, '')).not.toMatch(/[<>]/)
        expect(out).not.toMatch(/ (?:on[a-z]+|style)=/)
        expect(() => texToPlainText(text)).not.toThrow()
        expect(() => texToLatex(text)).not.toThrow()
      }),
      { numRuns: 500 },
    )
  })
})
