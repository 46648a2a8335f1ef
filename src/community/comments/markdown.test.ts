import fc from 'fast-check'
import { parseDocument } from 'htmlparser2'
import { describe, expect, it } from 'vitest'
import { hostileText } from '../../../test/support/hostile-text.js'
import { commentPlainText, LINK_REL, renderCommentMarkdown } from './markdown.js'

const ALLOWED_TAGS = new Set(['p', 'br', 'em', 'strong', 's', 'code', 'pre', 'ul', 'ol', 'li', 'blockquote', 'a', 'hr'])
const ALLOWED_ATTRIBUTES: Record<string, string[]> = { a: ['href', 'rel'], ol: ['start'] }

interface Node {
  type: string
  name?: string
  data?: string
  attribs?: Record<string, string>
  children?: Node[]
}

/** Every element of the rendered HTML, as a browser's parser (htmlparser2 here) reads it. */
function elements(html: string): Node[] {
  const found: Node[] = []
  const walk = (n: Node) => {
    if (n.type === 'tag') found.push(n)
    n.children?.forEach(walk)
  }
  walk(parseDocument(html) as unknown as Node)
  return found
}

const INLINE_TAGS = new Set(['a', 'code', 'em', 'strong', 's'])

function textContent(html: string): string {
  const parts: string[] = []
  const walk = (n: Node) => {
    if (n.type === 'text') parts.push(n.data ?? '')
    else if (n.type === 'tag' && !INLINE_TAGS.has(n.name!)) parts.push(' ')
    n.children?.forEach(walk)
  }
  walk(parseDocument(html, { decodeEntities: true }) as unknown as Node)
  return parts.join('').replace(/\s+/g, ' ').trim()
}

/** Hostile text plus Markdown's own syntax in every wrong place. */
const hostileMarkdown = fc
  .array(
    fc.oneof(
      hostileText,
      fc.constantFrom(
        '<script>window.__pwned=1</script>',
        '<img src=x onerror=alert(1)>',
        '<svg/onload=alert(1)>',
        '[x](javascript:alert(1))',
        '[x](JaVaScRiPt:alert(1))',
        '[x](java\nscript:alert(1))',
        '[x](&#106;avascript:alert(1))',
        '[x](data:text/html;base64,PHNjcmlwdD4=)',
        '[x](vbscript:msgbox(1))',
        '[x](https://ok.example/"onmouseover="alert(1))',
        '![x](javascript:alert(1))',
        '![a" onerror="alert(1)](https://ok.example/i.png)',
        '<javascript:alert(1)>',
        '<https://ok.example/?a=<b>>',
        'https://ok.example/<script>',
        '`<b>`',
        '```\n</code><script>\n```',
        '# ',
        '> ',
        '- ',
        '1. ',
        '*',
        '_',
        '[',
        '](',
        ')',
        '!',
        '&',
        '&lt;',
        '&#60;',
        '&#x3C;',
        '\\',
        '\n',
        '\n\n',
        '    ',
        '"',
        "'",
        ' onclick=',
      ),
    ),
    { maxLength: 30 },
  )
  .map((parts) => parts.join(''))

describe('comment markdown', () => {
  it('keeps only the text of a link or image with an empty address (fast-check found `[]()`)', () => {
    expect(renderCommentMarkdown('[]()')).toBe('<p></p>\n')
    expect(renderCommentMarkdown('[text]( )')).toBe('<p>text</p>\n')
    expect(renderCommentMarkdown('![alt]()')).toBe('<p>alt</p>\n')
  })

  it('renders the subset: emphasis, code, lists, quotes, links with rel', () => {
    const html = renderCommentMarkdown(
      'Nice *result*, **really**.\n\n> quoted\n\n- one\n- two\n\n`x<y` and https://arxiv.org/abs/2401.00001',
    )
    expect(html).toContain('<em>result</em>')
    expect(html).toContain('<strong>really</strong>')
    expect(html).toContain('<blockquote>\n<p>quoted</p>\n</blockquote>')
    expect(html).toContain('<li>one</li>')
    expect(html).toContain('<code>x&lt;y</code>')
    expect(html).toContain(`<a href="https://arxiv.org/abs/2401.00001" rel="${LINK_REL}">`)
  })

  it('shows raw HTML as text', () => {
    expect(renderCommentMarkdown('<script>alert(1)</script>')).toBe('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n')
  })

  it('keeps links to anything but http, https and mailto as the text typed', () => {
    expect(renderCommentMarkdown('[x](javascript:alert(1))')).toBe('<p>[x](javascript:alert(1))</p>\n')
    expect(renderCommentMarkdown('[x](data:text/html,hi)')).not.toContain('<a')
    expect(renderCommentMarkdown('[x](/papers/1)')).not.toContain('<a')
    expect(renderCommentMarkdown('[mail](mailto:ada@lab.org)')).toContain('href="mailto:ada@lab.org"')
  })

  it('links bare URLs but not bare domain names', () => {
    expect(renderCommentMarkdown('see https://example.org/x')).toContain('<a href="https://example.org/x"')
    expect(renderCommentMarkdown('see example.org')).not.toContain('<a')
  })

  it('shows an image as a link named by its alt text', () => {
    expect(renderCommentMarkdown('![the figure](https://example.org/f.png)')).toBe(
      `<p><a href="https://example.org/f.png" rel="${LINK_REL}">the figure</a></p>\n`,
    )
  })

  it('flattens headings into bold paragraphs', () => {
    expect(renderCommentMarkdown('# Big claim\n\nSetext\n===')).toBe(
      '<p><strong>Big claim</strong></p>\n<p><strong>Setext</strong></p>\n',
    )
  })

  it('keeps line breaks as typed and drops the fence language', () => {
    expect(renderCommentMarkdown('one\ntwo')).toBe('<p>one<br />\ntwo</p>\n')
    expect(renderCommentMarkdown('```js" onload="x\nlet a\n```')).toBe('<pre><code>let a\n</code></pre>\n')
  })

  it('replaces control characters and lone surrogates', () => {
    expect(renderCommentMarkdown('a\u0000b\u0007c\uD800')).toBe('<p>a\uFFFDb\uFFFDc\uFFFD</p>\n')
  })

  it('gives the plain text of a comment', () => {
    expect(commentPlainText('# T\n\n*a* `b<c` [d](https://x.org)\n- e')).toBe('T a b<c d e')
  })
})

describe('comment markdown with hostile input (property)', () => {
  const runs = { numRuns: 400 }

  it('never produces a script, an event handler attribute or a dangerous URL', () => {
    fc.assert(
      fc.property(hostileMarkdown, (source) => {
        const html = renderCommentMarkdown(source)
        expect(html).not.toMatch(/<script/i)
        for (const el of elements(html)) {
          expect(ALLOWED_TAGS.has(el.name!), `tag ${el.name}`).toBe(true)
          for (const [name, value] of Object.entries(el.attribs ?? {})) {
            expect(ALLOWED_ATTRIBUTES[el.name!] ?? [], `attribute ${name} on ${el.name}`).toContain(name)
            if (name === 'href') expect(value).toMatch(/^(https?:|mailto:)/i)
            if (name === 'rel') expect(value).toBe(LINK_REL)
          }
        }
        expect(html).not.toMatch(/href="\s*(javascript|data|vbscript):/i)
      }),
      runs,
    )
  })

  it('has no < that does not open an allowed tag', () => {
    fc.assert(
      fc.property(hostileMarkdown, (source) => {
        const html = renderCommentMarkdown(source)
        const opened = html.match(/<[^>]*>?/g) ?? []
        for (const tag of opened)
          expect(tag).toMatch(/^<\/?(p|br|em|strong|s|code|pre|ul|ol|li|blockquote|a|hr)( [^<>]*)?\/?>$/)
      }),
      runs,
    )
  })

  it('parses back to the text the Markdown says', () => {
    fc.assert(
      fc.property(hostileMarkdown, (source) => {
        expect(textContent(renderCommentMarkdown(source))).toBe(commentPlainText(source))
      }),
      runs,
    )
  })

  it('shows text without Markdown syntax exactly as typed, however much it looks like HTML', () => {
    const piece = fc.constantFrom(
      'a',
      'B',
      '7',
      ' ',
      '<',
      '>',
      '"',
      "'",
      '=',
      '/',
      '(',
      ')',
      'é',
      '🔥',
      '&',
      'onerror=',
    )
    const htmlish = fc.constantFrom('<script>', '</p>', '<img src=x>', 'javascript:', '<a href=x>', '&amp')
    fc.assert(
      fc.property(fc.array(fc.oneof(piece, htmlish), { maxLength: 40 }), (parts) => {
        const typed = `x ${parts.join('')}`
        expect(textContent(renderCommentMarkdown(typed))).toBe(typed.replace(/\s+/g, ' ').trim())
      }),
      runs,
    )
  })
})
