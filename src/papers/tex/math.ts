import katex from 'katex'
import { LRUCache } from 'lru-cache'

/**
 * Distinct formulas kept rendered. A listing page shows 50 titles and a paper page one abstract,
 * so this holds every formula of many pages; each entry is a few hundred bytes of MathML.
 */
const RENDERED_FORMULAS = 5000
/** The largest \rule or \hspace a formula may draw, in em: a title's math should not push the page wide. */
const MAX_MATH_SIZE_EM = 5

// `false` marks a formula KaTeX cannot parse, so it is not tried again.
const rendered = new LRUCache<string, string | false>({ max: RENDERED_FORMULAS })

/**
 * Inline math as MathML, or null when KaTeX cannot parse it (the page then shows its source).
 * MathML rather than KaTeX's HTML: the HTML carries inline `style` attributes that the site's
 * Content-Security-Policy forbids, and browsers lay out MathML Core natively (docs/decisions/0012-tex-in-titles-and-abstracts.md).
 */
export function renderMath(tex: string): string | null {
  let html = rendered.get(tex)
  if (html === undefined) {
    html = tryRender(tex)
    rendered.set(tex, html)
  }
  return html === false ? null : html
}

function tryRender(tex: string): string | false {
  try {
    // trust: false keeps \href, \url and \includegraphics out; strict: 'ignore' accepts the
    // Unicode letters (β, π) authors type straight into math instead of warning on the console.
    return katex.renderToString(tex, {
      output: 'mathml',
      throwOnError: true,
      trust: false,
      strict: 'ignore',
      maxSize: MAX_MATH_SIZE_EM,
    })
  } catch {
    return false
  }
}
