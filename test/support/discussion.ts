import type { Element } from 'domhandler'
import { findAll, findOne, getAttributeValue, textContent } from 'domutils'
import { parseDocument } from 'htmlparser2'

/** A comment as a reader sees it on a paper's page. */
export interface ShownComment {
  id: number
  author: string
  /** The author's profile link, when there is one. */
  profile: string | null
  text: string
  /** Which controls the reader is offered: reply, edit, delete. */
  controls: string[]
  replies: ShownComment[]
}

export interface ShownDiscussion {
  heading: string
  comments: ShownComment[]
  /** The "Log in to comment" link, when shown. */
  loginLink: string | null
  /** Whether the page offers a form to comment. */
  canComment: boolean
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim()
const children = (el: Element, tag: string) =>
  el.children.filter((c): c is Element => c.type === 'tag' && (c as Element).name === tag)

/** The discussion section of a paper page, read from its HTML. */
export function discussionOf(html: string): ShownDiscussion {
  const doc = parseDocument(html)
  const section = findOne((e) => e.name === 'section' && getAttributeValue(e, 'class') === 'discussion', doc.children)
  if (!section) throw new Error('the page has no discussion section')
  const heading = squash(textContent(findOne((e) => e.name === 'h2', section.children)!))
  const login = findOne((e) => e.name === 'a' && textContent(e).startsWith('Log in to comment'), section.children)
  const newForm = findOne(
    (e) => e.name === 'textarea' && getAttributeValue(e, 'id') === 'new-comment',
    section.children,
  )
  const list = findOne((e) => e.name === 'ol' && getAttributeValue(e, 'class') === 'comments', section.children)
  const read = (li: Element): ShownComment => {
    const head = findOne((e) => getAttributeValue(e, 'class') === 'comment-head', li.children)!
    const author = findOne((e) => getAttributeValue(e, 'class') === 'comment-author', head.children)!
    const body = findOne((e) => getAttributeValue(e, 'class')?.startsWith('comment-body') ?? false, li.children)!
    const actions = children(li, 'div').find((d) => getAttributeValue(d, 'class') === 'comment-actions')
    const replies = children(li, 'ol')[0]
    return {
      id: Number(getAttributeValue(li, 'id')!.replace('comment-', '')),
      author: squash(textContent(author)),
      profile: author.name === 'a' ? getAttributeValue(author, 'href')! : null,
      text: squash(textContent(body)),
      controls: actions
        ? findAll((e) => e.name === 'summary', actions.children).map((s) => squash(textContent(s)))
        : [],
      replies: replies ? children(replies, 'li').map(read) : [],
    }
  }
  return {
    heading,
    comments: list ? children(list, 'li').map(read) : [],
    loginLink: login ? getAttributeValue(login, 'href')! : null,
    canComment: newForm !== null,
  }
}
