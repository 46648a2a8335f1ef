import { parsePaperId } from '../../src/papers/arxiv-id.js'

/** Reading served HTML the way a person or a crawler would, without depending on its markup. */

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' }

export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#')
      return String.fromCodePoint(
        name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1)),
      )
    return ENTITIES[name.toLowerCase()] ?? whole
  })
}

/** The visible text of a page: tags dropped, entities decoded, whitespace collapsed. */
export function textOf(html: string): string {
  const body = html.replace(/^[\s\S]*?<body[^>]*>/i, '')
  return decodeEntities(body.replace(/<[^>]*>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim()
}

/** Ids of the papers a page links to, in page order, each once. */
export function paperIdsIn(html: string): string[] {
  const ids: string[] = []
  for (const m of html.matchAll(/href="\/papers\/([^"?#]+)"/g)) {
    const id = decodeEntities(m[1]!)
    if (parsePaperId(id)?.id === id && !ids.includes(id)) ids.push(id)
  }
  return ids
}

/** Every tag named `tag` as a map of its attributes (decoded). */
export function tags(html: string, tag: string): Record<string, string>[] {
  return [...html.matchAll(new RegExp(`<${tag}\\b([^>]*)>`, 'gi'))].map((m) => {
    const attrs: Record<string, string> = {}
    for (const a of m[1]!.matchAll(/([\w:-]+)(?:="([^"]*)")?/g)) attrs[a[1]!.toLowerCase()] = decodeEntities(a[2] ?? '')
    return attrs
  })
}

/** The hrefs of the links marked rel="…", in page order. */
export function linksWithRel(html: string, rel: string): string[] {
  return tags(html, 'a')
    .filter((a) => a.rel?.split(/\s+/).includes(rel))
    .map((a) => a.href!)
}

/** The content of every <meta name|property="key">, in page order. */
export function metaContents(html: string, key: string): string[] {
  return tags(html, 'meta')
    .filter((m) => m.name === key || m.property === key)
    .map((m) => m.content ?? '')
}
