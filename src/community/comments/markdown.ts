import MarkdownIt from 'markdown-it'
import { CONTROL_CHARACTER, LONE_SURROGATE } from './characters.js'

/**
 * Comments are written in a small, safe subset of Markdown (docs/decisions/0021-comments.md):
 * paragraphs, emphasis, strikethrough, code spans and blocks, lists, blockquotes, links and bare
 * URLs. Raw HTML is never interpreted (markdown-it's `html: false` shows it as text), links go only
 * to http, https and mailto addresses, images become links (the CSP loads only our own images), and
 * headings become bold paragraphs so a comment cannot outrank the page's own headings.
 */

/** What the author sees once markdown is rendered; a comment's source may be at most this long. */
export const MAX_COMMENT_LENGTH = 10_000

/** Every link leaves the page marked as user content, unendorsed, and without window.opener. */
export const LINK_REL = 'nofollow ugc noopener'

const ALLOWED_SCHEMES = /^(https?:|mailto:)/i

const md = new MarkdownIt('zero', { html: false, linkify: true, breaks: true, xhtmlOut: true })
md.enable(['code', 'fence', 'blockquote', 'list', 'heading', 'lheading', 'paragraph'])
md.enable(['linkify', 'newline', 'escape', 'backticks', 'strikethrough', 'emphasis', 'link', 'image', 'autolink'])
md.enable('entity')
// A link whose address is not http, https or mailto stays as the text it was typed as.
md.validateLink = (url) => ALLOWED_SCHEMES.test(url.trim())
// Fuzzy links ("example.org") would become http:// links to whatever a typo names; only full URLs
// and addresses with a scheme are linked.
md.linkify.set({ fuzzyLink: false, fuzzyEmail: false })

// An empty destination (`[text]()`) is never validated by markdown-it; such a link, like any whose
// address is not allowed, keeps only its text.
md.core.ruler.push('drop_unsafe_links', (state) => {
  for (const block of state.tokens) {
    const children = block.children ?? []
    for (let i = 0; i < children.length; i++) {
      const open = children[i]!
      if (open.type !== 'link_open' || ALLOWED_SCHEMES.test(String(open.attrGet('href') ?? '').trim())) continue
      const close = children.findIndex((t, j) => j > i && t.type === 'link_close')
      for (const at of [i, close]) if (at >= 0) children[at] = new state.Token('text', '', 0)
    }
  }
})

const rules = md.renderer.rules
rules.link_open = (tokens, i, options, _env, self) => {
  tokens[i]!.attrSet('rel', LINK_REL)
  return self.renderToken(tokens, i, options)
}
// An image is shown as a link to it, named by its alt text (or its address when it has none).
rules.image = (tokens, i) => {
  const token = tokens[i]!
  const src = String(token.attrGet('src') ?? '')
  const alt = token.children?.map((t) => t.content).join('') || src
  if (!ALLOWED_SCHEMES.test(src.trim())) return md.utils.escapeHtml(alt)
  return `<a href="${md.utils.escapeHtml(src)}" rel="${LINK_REL}">${md.utils.escapeHtml(alt)}</a>`
}
rules.heading_open = () => '<p><strong>'
rules.heading_close = () => '</strong></p>\n'
// Fenced code keeps its language name out of the HTML: an attribute nobody styles is only surface.
rules.fence = (tokens, i) => `<pre><code>${md.utils.escapeHtml(tokens[i]!.content)}</code></pre>\n`

const NOT_TEXT = new RegExp(`${CONTROL_CHARACTER.source}|${LONE_SURROGATE.source}`, 'g')

/**
 * Text the renderer can take whatever was sent: lone surrogates and control characters other than
 * tab and newline become U+FFFD, so the HTML out is always well-formed. (The comment routes refuse
 * such text before it is stored; this keeps the renderer total for anything else.)
 */
export function sanitizeText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(NOT_TEXT, '\uFFFD')
}

/** A comment's Markdown source as HTML: safe to place in a page as it is. */
export function renderCommentMarkdown(source: string): string {
  return md.render(sanitizeText(source))
}

/**
 * A comment as plain text (what its rendered HTML reads as, without markup): for excerpts, such as
 * a profile's list of comments, where markup would be out of place.
 */
export function commentPlainText(source: string): string {
  const out: string[] = []
  const walk = (tokens: ReturnType<typeof md.parse>) => {
    for (const t of tokens) {
      if (t.type === 'image') out.push(t.children?.map((c) => c.content).join('') || String(t.attrGet('src') ?? ''))
      else if (t.children) walk(t.children)
      else if (t.type === 'text' || t.type === 'code_inline') out.push(t.content)
      else if (t.type === 'code_block' || t.type === 'fence') out.push(t.content, ' ')
      else if (t.type === 'softbreak' || t.type === 'hardbreak' || t.block) out.push(' ')
    }
  }
  walk(md.parse(sanitizeText(source), {}))
  return out.join('').replace(/\s+/g, ' ').trim()
}
