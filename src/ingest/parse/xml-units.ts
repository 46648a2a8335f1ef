import { SaxesParser } from 'saxes'

/**
 * The streaming core of the XML parsers. saxes reads the document as it arrives; every element the
 * caller marks as a unit (an Atom entry, an OAI record, an RSS item, a feed header field) is built
 * into a small tree and handed over when it closes, so memory holds one unit, never the document.
 * Elements are named by namespace URI and local name, never by prefix: the arXiv API switched
 * from prefixes declared on each element to prefixes declared once on 2025-11-11.
 */
export interface XmlName {
  uri: string
  local: string
}

export interface XmlElement extends XmlName {
  /** Attributes without a namespace, by name. */
  attrs: Record<string, string>
  children: XmlElement[]
  /** The element's own text and CDATA, its children's left out. */
  text: string
}

/** A parser fed as a body streams in: `write` each decoded chunk, then `close` for the result. */
export interface ChunkParser<T> {
  write(chunk: string): void
  close(): T
}

export interface UnitReaderOptions {
  /** Says why the document is not the expected one, or null to go on. */
  checkRoot(root: XmlName): string | null
  /** Whether the element at `path` (the root first, the element last) is a unit. */
  isUnit(path: readonly XmlName[]): boolean
  onUnit(unit: XmlElement): void
}

export interface ReadOutcome {
  /** The document ended where its root element closed, well-formed and of the expected kind. */
  complete: boolean
  /** Why reading stopped early: not XML, cut off, an undefined entity, the wrong document. */
  failure: string | null
}

/**
 * arXiv's documents nest 7 elements deep at most (OAI-PMH > ListRecords > record > metadata >
 * arXivRaw > version > date). saxes resolves namespaces through a chain as long as the nesting, so
 * a hostile document nested a million deep would take hours; this stops it at once.
 */
const MAX_DEPTH = 32

/** Thrown from saxes's handlers to stop it in the middle of a chunk; never leaves this module. */
const STOP = new Error('stop reading')

export function createUnitReader(options: UnitReaderOptions): ChunkParser<ReadOutcome> {
  const parser = new SaxesParser({ xmlns: true })
  const path: XmlName[] = []
  const open: XmlElement[] = []
  let failure: string | null = null
  let rootClosed = false
  const stop = (reason: string): never => {
    failure ??= reason
    throw STOP
  }

  // saxes would go on after an error; the first one stops reading, as what follows means nothing.
  parser.on('error', (error) => stop(`not well-formed XML (${error.message})`))
  parser.on('opentag', (tag) => {
    const name = { uri: tag.uri, local: tag.local }
    const wrongRoot = path.length === 0 ? options.checkRoot(name) : null
    if (wrongRoot) stop(wrongRoot)
    if (path.length === MAX_DEPTH) stop(`elements nested deeper than ${MAX_DEPTH}`)
    path.push(name)
    const parent = open.at(-1)
    if (!parent && !options.isUnit(path)) return
    const attrs: Record<string, string> = {}
    for (const a of Object.values(tag.attributes)) if (a.uri === '') attrs[a.local] = a.value
    const element: XmlElement = { ...name, attrs, children: [], text: '' }
    parent?.children.push(element)
    open.push(element)
  })
  const addText = (text: string) => {
    const current = open.at(-1)
    if (current) current.text += text
  }
  parser.on('text', addText)
  parser.on('cdata', addText)
  parser.on('closetag', () => {
    path.pop()
    const element = open.pop()
    if (element && open.length === 0) options.onUnit(element)
    if (path.length === 0) rootClosed = true
  })

  const run = (step: () => void) => {
    if (failure) return
    try {
      step()
    } catch (error) {
      if (error !== STOP) failure ??= `could not read the document (${String(error)})`
    }
  }
  return {
    write: (chunk) => run(() => parser.write(chunk)),
    close() {
      run(() => parser.close())
      return { complete: failure === null && rootClosed, failure }
    },
  }
}

/** A root check for `createUnitReader`: the document must be `kind`, this element. */
export function expectRoot(uri: string, local: string, kind: string) {
  return (root: XmlName): string | null =>
    root.uri === uri && root.local === local ? null : `not ${kind}: the document is <${root.local}>`
}

/** Feeds a whole text to a chunk parser: the convenience form of every parser here. */
export function parseWhole<T>(parser: ChunkParser<T>, text: string): T {
  parser.write(text)
  return parser.close()
}

export function childOf(element: XmlElement, uri: string, local: string): XmlElement | undefined {
  return element.children.find((c) => c.uri === uri && c.local === local)
}

export function childrenOf(element: XmlElement, uri: string, local: string): XmlElement[] {
  return element.children.filter((c) => c.uri === uri && c.local === local)
}

/** The text of the first such child, or undefined when there is none. */
export function childText(element: XmlElement, uri: string, local: string): string | undefined {
  return childOf(element, uri, local)?.text
}
