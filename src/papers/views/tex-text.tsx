import { raw } from 'hono/html'
import type { Child } from 'hono/jsx'
import { collapseWhitespace } from '../../platform/text.js'
import { renderMath } from '../tex/math.js'
import { parseTex, type TexNode } from '../tex/parse.js'

/**
 * TeX-flavoured text (a title, an abstract) as it reads in print: accents and dashes as Unicode,
 * \emph as <em>, math as MathML rendered by KaTeX on the server; math KaTeX cannot read stays source.
 */
export function TexText({ text }: { text: string }) {
  return <>{renderNodes(parseTex(collapseWhitespace(text)))}</>
}

function renderNodes(nodes: TexNode[]): Child[] {
  return nodes.map(renderNode)
}

function renderNode(node: TexNode): Child {
  switch (node.kind) {
    case 'text':
      return node.text
    case 'math': {
      // KaTeX escapes the formula's text itself; its MathML carries no style attributes.
      const mathml = renderMath(node.tex)
      return mathml === null ? node.source : raw(mathml)
    }
    case 'group':
      return renderNodes(node.children)
    case 'style': {
      const children = renderNodes(node.children)
      if (node.style === 'em') return <em>{children}</em>
      if (node.style === 'strong') return <strong>{children}</strong>
      if (node.style === 'code') return <code>{children}</code>
      if (node.style === 'sup') return <sup>{children}</sup>
      if (node.style === 'sub') return <sub>{children}</sub>
      return <span class="smallcaps">{children}</span>
    }
  }
}
