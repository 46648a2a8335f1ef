import { Feed } from 'feed'
import { arxivAbsUrl, arxivPdfUrl, isArxivId } from '../papers/arxiv-id.js'
import type { Paper } from '../papers/model.js'
import { paperPath } from '../papers/paths.js'
import { texToPlainText } from '../papers/tex/plain.js'
import type { FeedFormat } from './links.js'
import type { ListEntry } from './lists.js'

export interface FeedChannel {
  title: string
  description: string
  /** The page the feed follows (absolute). */
  pageUrl: string
  /** The feed's own addresses (absolute), one per format. */
  feedUrls: Record<FeedFormat, string>
  siteName: string
  baseUrl: string
}

// Characters XML 1.0 cannot carry at all (C0 controls but tab and newlines, lone surrogates,
// U+FFFE/FFFF): one in a title would make the whole feed unreadable to every reader.
const NOT_XML =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g
const clean = (s: string) => s.replace(NOT_XML, '')

const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (ch) => `&#${ch.charCodeAt(0)};`)

/**
 * A feed of papers in `format`, built with the `feed` library. Each item's id is the paper page's
 * address, without a version, so a new arXiv version updates the item instead of adding another.
 */
export function renderFeed(format: FeedFormat, channel: FeedChannel, entries: ListEntry[]): string {
  const updated = entries.reduce((latest, e) => (e.date > latest ? e.date : latest), '1970-01-01')
  const feed = new Feed({
    id: channel.pageUrl,
    title: clean(channel.title),
    description: clean(channel.description),
    link: channel.pageUrl,
    language: 'en',
    updated: new Date(entries.length > 0 ? updated : 0),
    generator: 'Paperboy',
    feedLinks: { rss: channel.feedUrls.rss, atom: channel.feedUrls.atom, json: channel.feedUrls.json },
    favicon: `${channel.baseUrl}/favicon.ico`,
    copyright: 'Paper metadata from arXiv and Hugging Face; each paper under its own license.',
    author: { name: channel.siteName, link: channel.baseUrl },
  })
  for (const { paper, date } of entries) {
    const url = `${channel.baseUrl}${paperPath(paper.id)}`
    const authors = paper.authors.filter((a) => !a.hidden).map((a) => ({ name: clean(a.name) }))
    const abstract = clean(texToPlainText(paper.abstract))
    feed.addItem({
      id: url,
      guid: url,
      link: url,
      title: clean(texToPlainText(paper.title)),
      date: new Date(date),
      // RSS has one date, which the library would take from `published`: there it is the day the
      // paper entered this view, so that readers sort new items first.
      ...(paper.publishedAt && format !== 'rss' && { published: new Date(paper.publishedAt) }),
      description: summaryOf(abstract),
      content: itemHtml(paper, abstract),
      // RSS's <author> must be an email address; names go in Dublin Core's creator instead.
      ...(format === 'rss'
        ? authors.length > 0 && {
            extensions: [{ name: 'dc:creator', objects: { _text: authors.map((a) => a.name).join(', ') } }],
          }
        : authors.length > 0 && { author: authors }),
      category: paper.categories.map((c) => ({ name: c, term: c, domain: 'https://arxiv.org/archive' })),
    })
  }
  if (format === 'rss') return feed.rss2()
  if (format === 'atom') return feed.atom1()
  const authorsById = new Map(entries.map((e) => [`${channel.baseUrl}${paperPath(e.paper.id)}`, e.paper.authors]))
  return toJsonFeed11(feed.json1(), (id) =>
    (authorsById.get(id) ?? []).filter((a) => !a.hidden).map((a) => ({ name: clean(a.name) })),
  )
}

const SUMMARY_CHARS = 300

/** An item's summary: the abstract's opening, cut at a word; the whole abstract is in the content. */
function summaryOf(abstract: string): string {
  if (abstract.length <= SUMMARY_CHARS) return abstract
  const cut = abstract.slice(0, SUMMARY_CHARS)
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), SUMMARY_CHARS / 2))}…`
}

/** An item's body: the abstract and where to read the paper, as HTML that readers show. */
function itemHtml(paper: Paper, abstract: string): string {
  const links: string[] = []
  if (isArxivId(paper.id)) {
    links.push(`<a href="${arxivAbsUrl(paper.id)}">arXiv</a>`, `<a href="${arxivPdfUrl(paper.id)}">PDF</a>`)
  }
  if (paper.githubRepo) links.push(`<a href="${escapeHtml(paper.githubRepo)}">Code</a>`)
  const votes = `${paper.upvotes} upvote${paper.upvotes === 1 ? '' : 's'}`
  return `<p>${escapeHtml(abstract)}</p><p>${[...links, votes].join(' · ')}</p>`
}

/**
 * The library writes JSON Feed 1.0; 1.1 renames the single `author` to an `authors` list (1.0's
 * field is deprecated) and adds `language`. Everything else is the same document.
 */
function toJsonFeed11(json: string, authorsOf: (id: string) => { name: string }[]): string {
  type Author = { name?: string; url?: string }
  type Item = Record<string, unknown> & { id: string; author?: Author }
  const doc = JSON.parse(json) as Record<string, unknown> & { author?: Author; items: Item[] }
  const { author, items, ...rest } = doc
  return JSON.stringify({
    ...rest,
    version: 'https://jsonfeed.org/version/1.1',
    language: 'en',
    ...(author && { authors: [author] }),
    items: items.map(({ author: _first, ...item }) => {
      const authors = authorsOf(item.id)
      return { ...item, ...(authors.length > 0 && { authors }) }
    }),
  })
}
