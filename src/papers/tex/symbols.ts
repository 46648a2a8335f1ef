/** Text-mode commands that stand for one character (`\ss`, `\&`-style escapes are handled apart). */
export const TEXT_SYMBOLS: Record<string, string> = {
  ss: 'ß', SS: 'SS', o: 'ø', O: 'Ø', ae: 'æ', AE: 'Æ', oe: 'œ', OE: 'Œ', aa: 'å', AA: 'Å', l: 'ł', L: 'Ł',
  i: 'ı', j: 'ȷ', dh: 'ð', DH: 'Ð', th: 'þ', TH: 'Þ', ng: 'ŋ', NG: 'Ŋ', dj: 'đ', DJ: 'Đ',
  dag: '†', ddag: '‡', S: '§', P: '¶', copyright: '©', textregistered: '®', texttrademark: '™',
  ldots: '…', dots: '…', textellipsis: '…', textendash: '–', textemdash: '—', textbullet: '•',
  textquoteleft: '‘', textquoteright: '’', textquotedblleft: '“', textquotedblright: '”',
  textless: '<', textgreater: '>', textbar: '|', textbackslash: '\\', textasciitilde: '~',
  textasciicircum: '^', textunderscore: '_', textdollar: '$', textbraceleft: '{', textbraceright: '}',
  textdegree: '°', deg: '°', textperthousand: '‰', textmu: 'µ', euro: '€', pounds: '£', texteuro: '€',
  checkmark: '✓', LaTeX: 'LaTeX', TeX: 'TeX', eg: 'e.g.', ie: 'i.e.', etal: 'et al.',
}

/** Text-mode commands that produce a letter: TeX swallows the space after them (`\ss e` is `ße`). */
export const LETTER_SYMBOLS = new Set([
  'ss', 'SS', 'o', 'O', 'ae', 'AE', 'oe', 'OE', 'aa', 'AA', 'l', 'L', 'i', 'j',
  'dh', 'DH', 'th', 'TH', 'ng', 'NG', 'dj', 'DJ',
])

/** Accent commands and the Unicode combining mark each puts on the next letter. */
export const ACCENTS: Record<string, string> = {
  "'": '\u0301', '`': '\u0300', '^': '\u0302', '"': '\u0308', '~': '\u0303', '=': '\u0304', '.': '\u0307',
  u: '\u0306', v: '\u030C', H: '\u030B', c: '\u0327', k: '\u0328', r: '\u030A', d: '\u0323', b: '\u0331',
}

/** Commands that print nothing on a page: line-break hints, spacing fixes, robustness markers. */
export const INVISIBLE = new Set([
  'allowbreak', 'nobreakdash', 'xspace', 'noindent', 'relax', 'protect', 'null', 'leavevmode', 'linebreak',
  'newline', 'hfill', 'smallskip', 'medskip', 'bigskip', 'unskip', 'ignorespaces', 'centering', 'par',
])

/**
 * Math-mode commands with a Unicode character of their own. Hugging Face's copies often drop the
 * `$` around math and keep `{\Theta}(40K)`, so these are honoured in text too; the plain-text form
 * of math uses them as well.
 */
export const MATH_SYMBOLS: Record<string, string> = {
  alpha: 'α', beta: 'β', gamma: 'γ', delta: 'δ', epsilon: 'ϵ', varepsilon: 'ε', zeta: 'ζ', eta: 'η',
  theta: 'θ', vartheta: 'ϑ', iota: 'ι', kappa: 'κ', lambda: 'λ', mu: 'μ', nu: 'ν', xi: 'ξ', pi: 'π',
  varpi: 'ϖ', rho: 'ρ', varrho: 'ϱ', sigma: 'σ', varsigma: 'ς', tau: 'τ', upsilon: 'υ', phi: 'ϕ',
  varphi: 'φ', chi: 'χ', psi: 'ψ', omega: 'ω', Gamma: 'Γ', Delta: 'Δ', Theta: 'Θ', Lambda: 'Λ', Xi: 'Ξ',
  Pi: 'Π', Sigma: 'Σ', Upsilon: 'Υ', Phi: 'Φ', Psi: 'Ψ', Omega: 'Ω',
  times: '×', cdot: '·', div: '÷', pm: '±', mp: '∓', leq: '≤', le: '≤', geq: '≥', ge: '≥', neq: '≠', ne: '≠',
  approx: '≈', sim: '∼', simeq: '≃', equiv: '≡', propto: '∝', ll: '≪', gg: '≫', infty: '∞', partial: '∂',
  nabla: '∇', sum: '∑', prod: '∏', int: '∫', in: '∈', notin: '∉', subset: '⊂', subseteq: '⊆', cup: '∪',
  cap: '∩', emptyset: '∅', forall: '∀', exists: '∃', neg: '¬', wedge: '∧', vee: '∨', to: '→',
  rightarrow: '→', leftarrow: '←', Rightarrow: '⇒', Leftarrow: '⇐', leftrightarrow: '↔', mapsto: '↦',
  uparrow: '↑', downarrow: '↓', circ: '∘', star: '⋆', ast: '∗', cdots: '⋯', dagger: '†', prime: '′',
  langle: '⟨', rangle: '⟩', lfloor: '⌊', rfloor: '⌋', lceil: '⌈', rceil: '⌉', ell: 'ℓ', hbar: 'ℏ',
  degree: '°', checkmark: '✓', top: '⊤', perp: '⊥', mid: '∣', parallel: '∥', oplus: '⊕', otimes: '⊗',
}

/** Unicode superscript and subscript forms, for math written as plain text (`X^{2}` → `X²`). */
export const SUPERSCRIPTS: Record<string, string> = {
  0: '⁰', 1: '¹', 2: '²', 3: '³', 4: '⁴', 5: '⁵', 6: '⁶', 7: '⁷', 8: '⁸', 9: '⁹',
  '+': '⁺', '-': '⁻', '−': '⁻', '=': '⁼', '(': '⁽', ')': '⁾', n: 'ⁿ', i: 'ⁱ', T: 'ᵀ', '*': '*', '′': '′',
}
export const SUBSCRIPTS: Record<string, string> = {
  0: '₀', 1: '₁', 2: '₂', 3: '₃', 4: '₄', 5: '₅', 6: '₆', 7: '₇', 8: '₈', 9: '₉',
  '+': '₊', '-': '₋', '−': '₋', '=': '₌', '(': '₍', ')': '₎', a: 'ₐ', e: 'ₑ', i: 'ᵢ', j: 'ⱼ', k: 'ₖ',
  n: 'ₙ', t: 'ₜ', x: 'ₓ',
}

/**
 * Greek letters and math symbols as LaTeX math commands, for BibTeX fields typeset by pdfLaTeX,
 * whose UTF-8 input knows Latin letters and text punctuation (U+2000–U+206F) but not these.
 */
export const LATEX_FOR_SYMBOL: Map<string, string> = new Map(
  Object.entries(MATH_SYMBOLS)
    .filter(([name, ch]) => isBeyondTextEncodings(ch) && name !== 'checkmark')
    .map(([name, ch]) => [ch, `\\${name}`]),
)

function isBeyondTextEncodings(ch: string): boolean {
  const code = ch.codePointAt(0)!
  return code >= 0x370 && (code < 0x2000 || code > 0x206f)
}
