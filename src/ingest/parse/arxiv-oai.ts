import { parseArxivId } from '../../papers/arxiv-id.js'
import type { PaperRecord, PaperVersion } from '../../papers/model.js'
import { splitAuthorList } from './author-names.js'
import {
  arxivCategories,
  collapseWhitespace,
  flawIn,
  isoFromDay,
  isWithdrawn,
  nonEmpty,
  optionalDate,
  optionalText,
  parseRfc2822,
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
 * One OAI-PMH page from arXiv (ListRecords, GetRecord, ListIdentifiers), with records in the
 * `arXivRaw` format (every version and its date) or the `arXiv` format (parsed author names).
 * It reads the old service (export.arxiv.org/oai2) and the current one (oaipmh.arxiv.org), which
 * quotes attributes singly, puts `expires` on its tokens and ends a list with an empty token.
 */
export interface OaiPage {
  records: PaperRecord[]
  /** Ids whose header says `status="deleted"`. */
  deleted: string[]
  /** Where the list goes on; null when the page has none or an empty one (the last page). */
  resumptionToken: ResumptionToken | null
  /** The protocol's answer when there is nothing to list: noRecordsMatch, badResumptionToken… */
  error: { code: string; message: string } | null
  problems: Problem[]
  /** False when the page was cut off or was not OAI-PMH: fetch it again before going on. */
  complete: boolean
}

export interface ResumptionToken {
  token: string
  cursor?: number
  completeListSize?: number
  expires?: string
}

const OAI = 'http://www.openarchives.org/OAI/2.0/'
const ARXIV_RAW = 'http://arxiv.org/OAI/arXivRaw/'
const ARXIV = 'http://arxiv.org/OAI/arXiv/'
const IDENTIFIER = /^oai:arXiv\.org:(.+)$/

export function createArxivOaiParser(): ChunkParser<OaiPage> {
  const page: OaiPage = {
    records: [],
    deleted: [],
    resumptionToken: null,
    error: null,
    problems: [],
    complete: false,
  }
  let records = 0
  const reader = createUnitReader({
    checkRoot: expectRoot(OAI, 'OAI-PMH', 'OAI-PMH'),
    // <error> sits under the root; records, headers and the token under the verb's element.
    isUnit: (path) => (path.length === 2 && path[1]!.local === 'error') || path.length === 3,
    onUnit(unit) {
      if (unit.uri !== OAI) return
      if (unit.local === 'error') {
        page.error ??= { code: unit.attrs.code ?? '', message: collapseWhitespace(unit.text) }
      } else if (unit.local === 'record' || unit.local === 'header') {
        readRecord(unit, ++records, page)
      } else if (unit.local === 'resumptionToken') {
        page.resumptionToken = readToken(unit)
      }
    },
  })
  return {
    write: (chunk) => reader.write(chunk),
    close() {
      const { complete, failure } = reader.close()
      if (failure) page.problems.push({ where: 'document', reason: failure })
      page.complete = complete
      return page
    },
  }
}

export function parseArxivOai(xml: string): OaiPage {
  return parseWhole(createArxivOaiParser(), xml)
}

/** A <record>, or a bare <header> as ListIdentifiers gives them. */
function readRecord(unit: XmlElement, position: number, page: OaiPage): void {
  const header = unit.local === 'header' ? unit : childOf(unit, OAI, 'header')
  const identifier = header ? collapseWhitespace(childText(header, OAI, 'identifier') ?? '') : ''
  const id = parseArxivId(IDENTIFIER.exec(identifier)?.[1] ?? '')?.id
  if (!id) {
    const reason = `unreadable identifier ${JSON.stringify(identifier)}`
    page.problems.push({ where: `record ${position}`, reason })
    return
  }
  if (header?.attrs.status === 'deleted') {
    page.deleted.push(id)
    return
  }
  if (unit.local === 'header') return
  const note: Note = (reason) => void page.problems.push({ where: id, reason })
  const record = fromMetadata(id, childOf(unit, OAI, 'metadata')?.children[0], note)
  const flaw = typeof record === 'string' ? record : flawIn(record)
  if (flaw) note(flaw)
  else if (typeof record !== 'string') page.records.push(record)
}

/** The record in a format this reads, or why there is none. */
function fromMetadata(id: string, meta: XmlElement | undefined, note: Note): PaperRecord | string {
  if (!meta) return 'no metadata'
  if (meta.uri === ARXIV_RAW && meta.local === 'arXivRaw') return fromArxivRaw(id, meta, note)
  if (meta.uri === ARXIV && meta.local === 'arXiv') return fromArxiv(id, meta, note)
  return `metadata format <${meta.local}> is not read (ask for arXivRaw or arXiv)`
}

type Note = (reason: string) => void

function fromArxivRaw(id: string, raw: XmlElement, note: Note): PaperRecord {
  const versions: PaperVersion[] = []
  for (const v of childrenOf(raw, ARXIV_RAW, 'version')) {
    const n = /^v(\d+)$/.exec(v.attrs.version ?? '')?.[1]
    if (!n) {
      note(`version ${JSON.stringify(v.attrs.version ?? '')} is not vN; left out`)
      continue
    }
    // A version without its date is left out: a null date would erase the one already stored.
    const date = childText(v, ARXIV_RAW, 'date') ?? ''
    const createdAt = parseRfc2822(date)?.iso
    if (createdAt) versions.push({ version: Number(n), createdAt })
    else note(`v${n} date ${JSON.stringify(date.trim())} is not a date; v${n} left out`)
  }
  versions.sort((a, b) => a.version - b.version)
  const latest = versions.at(-1)
  const record = common(id, raw, ARXIV_RAW)
  if (latest) latest.title = record.title
  return withoutUndefined({
    ...record,
    version: latest?.version,
    publishedAt: versions.find((v) => v.version === 1)?.createdAt ?? undefined,
    updatedAt: latest?.createdAt ?? undefined,
    authors: nonEmpty(splitAuthorList(childText(raw, ARXIV_RAW, 'authors') ?? '')),
    versions: versions.length > 0 ? versions : undefined,
  })
}

function fromArxiv(id: string, meta: XmlElement, note: Note): PaperRecord {
  const list = childOf(meta, ARXIV, 'authors')
  const authors = list ? childrenOf(list, ARXIV, 'author') : []
  const part = (a: XmlElement, local: string) => childText(a, ARXIV, local) ?? ''
  const name = (a: XmlElement) =>
    collapseWhitespace(`${part(a, 'forenames')} ${part(a, 'keyname')} ${part(a, 'suffix')}`)
  return withoutUndefined({
    ...common(id, meta, ARXIV),
    publishedAt: optionalDate(childText(meta, ARXIV, 'created'), isoFromDay, '<created>', note),
    updatedAt: optionalDate(childText(meta, ARXIV, 'updated'), isoFromDay, '<updated>', note),
    authors: nonEmpty(authors.map(name).filter(Boolean)),
  })
}

/** The fields both formats write the same way, in their own namespaces. */
function common(id: string, meta: XmlElement, ns: string): PaperRecord {
  const text = (local: string) => optionalText(childText(meta, ns, local))
  const abstract = text('abstract')
  const comments = text('comments')
  return withoutUndefined({
    id,
    title: text('title') ?? '',
    abstract,
    categories: arxivCategories((text('categories') ?? '').split(' ')),
    comments,
    journalRef: text('journal-ref'),
    doi: text('doi'),
    license: text('license'),
    withdrawn: isWithdrawn(comments, abstract) || undefined,
  })
}

function readToken(unit: XmlElement): ResumptionToken | null {
  const token = unit.text.trim()
  if (token === '') return null
  const number = (s: string | undefined) => (s && /^\d+$/.test(s.trim()) ? Number(s) : undefined)
  return withoutUndefined({
    token,
    cursor: number(unit.attrs.cursor),
    completeListSize: number(unit.attrs.completeListSize),
    expires: unit.attrs.expires?.trim() || undefined,
  })
}
