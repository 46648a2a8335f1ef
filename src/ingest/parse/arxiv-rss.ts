import { parseArxivId } from '../../papers/arxiv-id.js'
import type { PaperRecord } from '../../papers/model.js'
import { splitAuthorList } from './author-names.js'
import {
  arxivCategories,
  collapseWhitespace,
  flawIn,
  isWithdrawn,
  nonEmpty,
  optionalText,
  parseRfc2822,
  withoutUndefined,
  type Problem,
} from './fields.js'
import {
  childrenOf,
  childText,
  createUnitReader,
  expectRoot,
  parseWhole,
  type ChunkParser,
  type XmlElement,
} from './xml-units.js'

/**
 * A day's announcements from rss.arxiv.org (RSS 2.0, since January 2024). A feed lists each paper
 * once, as a new paper, a cross-list, or a replacement of either; it is empty on days without
 * announcements. A bad query answers with a feed titled "Feed error for query: …".
 */
export interface AnnouncementFeed {
  /** The day announced (YYYY-MM-DD, as arXiv's Eastern time writes it). */
  announcedOn: string | null
  items: Announcement[]
  problems: Problem[]
  /** arXiv's message for a bad query (`Bad archive 'astroph'. …`), or why reading failed. */
  error: string | null
}

export interface Announcement {
  announceType: AnnounceType
  record: PaperRecord
}

export type AnnounceType = 'new' | 'cross' | 'replace' | 'replace-cross'
const ANNOUNCE_TYPES: readonly string[] = ['new', 'cross', 'replace', 'replace-cross']

const ARXIV = 'http://arxiv.org/schemas/atom'
const DC = 'http://purl.org/dc/elements/1.1/'
const GUID = /^oai:arXiv\.org:(.+)$/
const ERROR_TITLE = /^Feed error for query/

function isAnnounceType(s: string): s is AnnounceType {
  return ANNOUNCE_TYPES.includes(s)
}

export function createArxivRssParser(): ChunkParser<AnnouncementFeed> {
  const feed: AnnouncementFeed = { announcedOn: null, items: [], problems: [], error: null }
  const channel: Record<string, string> = {}
  let items = 0
  const reader = createUnitReader({
    checkRoot: expectRoot('', 'rss', 'an RSS 2.0 feed'),
    // Everything under <channel>: its own fields and the items.
    isUnit: (path) => path.length === 3 && path[1]!.uri === '' && path[1]!.local === 'channel',
    onUnit(unit) {
      if (unit.uri !== '') return
      if (unit.local === 'item') readItem(unit, ++items, feed)
      else channel[unit.local] ??= collapseWhitespace(unit.text)
    },
  })
  return {
    write: (chunk) => reader.write(chunk),
    close() {
      const { failure } = reader.close()
      const day = parseRfc2822(channel.pubDate) ?? parseRfc2822(channel.lastBuildDate)
      feed.announcedOn = day?.day ?? null
      if (ERROR_TITLE.test(channel.title ?? '')) feed.error = channel.description || channel.title!
      feed.error ??= failure
      return feed
    },
  }
}

export function parseArxivRss(xml: string): AnnouncementFeed {
  return parseWhole(createArxivRssParser(), xml)
}

function readItem(item: XmlElement, position: number, feed: AnnouncementFeed): void {
  const guid = collapseWhitespace(childText(item, '', 'guid') ?? '')
  const parsed = parseArxivId(GUID.exec(guid)?.[1] ?? '')
  if (!parsed) {
    const reason = `unreadable guid ${JSON.stringify(guid)}`
    feed.problems.push({ where: `item ${position}`, reason })
    return
  }
  const description = childText(item, '', 'description') ?? ''
  // `arXiv:2411.17700v1 Announce Type: new \nAbstract: …`: the type is also in arxiv:announce_type.
  const type =
    optionalText(childText(item, ARXIV, 'announce_type')) ?? /Announce Type:\s*(\S+)/.exec(description)?.[1] ?? ''
  if (!isAnnounceType(type)) {
    const reason = `unknown announce type ${JSON.stringify(type)}`
    feed.problems.push({ where: parsed.id, reason })
    return
  }
  const at = description.indexOf('Abstract:')
  const abstract = at < 0 ? undefined : optionalText(description.slice(at + 'Abstract:'.length))
  const record = withoutUndefined<PaperRecord>({
    id: parsed.id,
    title: collapseWhitespace(childText(item, '', 'title') ?? ''),
    abstract,
    // Only the number: the feed's dates are the announcement's, not the version's.
    version: parsed.version ?? undefined,
    authors: nonEmpty(splitAuthorList(childText(item, DC, 'creator') ?? '')),
    categories: arxivCategories(childrenOf(item, '', 'category').map((c) => c.text)),
    journalRef: optionalText(childText(item, ARXIV, 'journal_reference')),
    doi: optionalText(childText(item, ARXIV, 'DOI')),
    license: optionalText(childText(item, DC, 'rights')),
    withdrawn: isWithdrawn(abstract) || undefined,
  })
  const flaw = flawIn(record)
  if (flaw) feed.problems.push({ where: parsed.id, reason: flaw })
  else feed.items.push({ announceType: type, record })
}
