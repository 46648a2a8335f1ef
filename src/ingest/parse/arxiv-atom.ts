import { parseArxivId } from '../../papers/arxiv-id.js'
import type { PaperRecord } from '../../papers/model.js'
import {
  arxivCategories,
  collapseWhitespace,
  flawIn,
  isoFromTimestamp,
  isWithdrawn,
  nonEmpty,
  optionalDate,
  optionalText,
  withoutUndefined,
  type Problem,
} from './fields.js'
import {
  childOf,
  childrenOf,
  childText,
  createUnitReader,
  expectRoot,
  parseWhole,
  type ChunkParser,
  type XmlElement,
} from './xml-units.js'

/**
 * The arXiv API's Atom feed (`export.arxiv.org/api/query`), in both of its formats: the one served
 * until 2025-11-11 and the one since. They differ in element order, namespace declarations,
 * wrapping and links (../shared/data/README.md has the table); reading by namespace and name,
 * whatever the order, gives the same record from both.
 */
export interface AtomFeed {
  totalResults: number | null
  startIndex: number | null
  records: PaperRecord[]
  problems: Problem[]
  /** The API's error entry (`incorrect id format for abc`), or why the feed could not be read. */
  error: string | null
}

const ATOM = 'http://www.w3.org/2005/Atom'
const OPENSEARCH = 'http://a9.com/-/spec/opensearch/1.1/'
const ARXIV = 'http://arxiv.org/schemas/atom'
// Entry ids stay `http://arxiv.org/abs/<id>v<n>` in both formats, while links went https.
const ENTRY_ID = /^https?:\/\/arxiv\.org\/abs\/(.+)$/

export function createArxivAtomParser(): ChunkParser<AtomFeed> {
  const feed: AtomFeed = {
    totalResults: null,
    startIndex: null,
    records: [],
    problems: [],
    error: null,
  }
  let entries = 0
  const reader = createUnitReader({
    checkRoot: expectRoot(ATOM, 'feed', 'an Atom feed'),
    isUnit: (path) => path.length === 2,
    onUnit(unit) {
      const { uri, local } = unit
      if (uri === OPENSEARCH && local === 'totalResults') feed.totalResults = count(unit.text)
      if (uri === OPENSEARCH && local === 'startIndex') feed.startIndex = count(unit.text)
      if (uri === ATOM && local === 'entry') readEntry(unit, ++entries, feed)
    },
  })
  return {
    write: (chunk) => reader.write(chunk),
    close() {
      const { failure } = reader.close()
      feed.error ??= failure
      return feed
    },
  }
}

export function parseArxivAtom(xml: string): AtomFeed {
  return parseWhole(createArxivAtomParser(), xml)
}

function readEntry(entry: XmlElement, position: number, feed: AtomFeed): void {
  const rawId = childText(entry, ATOM, 'id')?.trim()
  // The old API answered each unknown id of an id_list with an empty entry; it holds nothing.
  if (!rawId) return
  if (rawId.includes('/api/errors')) {
    feed.error ??= optionalText(childText(entry, ATOM, 'summary')) ?? rawId
    return
  }
  const parsed = parseArxivId(ENTRY_ID.exec(rawId)?.[1] ?? '')
  if (!parsed) {
    const reason = `unreadable id ${JSON.stringify(rawId)}`
    feed.problems.push({ where: `entry ${position}`, reason })
    return
  }
  const title = collapseWhitespace(childText(entry, ATOM, 'title') ?? '')
  const abstract = optionalText(childText(entry, ATOM, 'summary'))
  const comments = optionalText(childText(entry, ARXIV, 'comment'))
  const note = (reason: string) => feed.problems.push({ where: parsed.id, reason })
  const date = (local: string) => optionalDate(childText(entry, ATOM, local), isoFromTimestamp, `<${local}>`, note)
  const publishedAt = date('published')
  const updatedAt = date('updated')
  const version = parsed.version ?? undefined
  // Only v1 has a date of its own here: it was created when it was published. <updated> was the
  // retrieved version's submission in the old format, but since 2025-11-11 it moves with any
  // metadata change (1602.03411v1: published 2016-02-10, updated 2016-07-27), and a wrong date
  // would overwrite the right one that OAI-PMH or the snapshot gave.
  const createdAt = version === 1 ? publishedAt : undefined
  const record = withoutUndefined<PaperRecord>({
    id: parsed.id,
    title,
    abstract,
    version,
    publishedAt,
    updatedAt,
    authors: nonEmpty(
      childrenOf(entry, ATOM, 'author')
        .map((a) => collapseWhitespace(childText(a, ATOM, 'name') ?? ''))
        .filter((name) => name !== ''),
    ),
    categories: arxivCategories([
      childOf(entry, ARXIV, 'primary_category')?.attrs.term,
      ...childrenOf(entry, ATOM, 'category').map((c) => c.attrs.term),
    ]),
    comments,
    journalRef: optionalText(childText(entry, ARXIV, 'journal_ref')),
    doi: optionalText(childText(entry, ARXIV, 'doi')),
    withdrawn: isWithdrawn(comments, abstract) || undefined,
    versions: version && createdAt ? [{ version, createdAt, title }] : undefined,
  })
  const flaw = flawIn(record)
  if (flaw) feed.problems.push({ where: parsed.id, reason: flaw })
  else feed.records.push(record)
}

function count(text: string): number | null {
  const s = text.trim()
  return /^\d+$/.test(s) ? Number(s) : null
}
