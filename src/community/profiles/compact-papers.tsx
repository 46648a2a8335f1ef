import type { Child } from 'hono/jsx'
import { shortAuthors } from '../../papers/display.js'
import type { Paper } from '../../papers/model.js'
import { paperPath } from '../../papers/paths.js'
import { TexText } from '../../papers/views/tex-text.js'

/** A short list of papers (title and authors), for profiles and collections; `extra` adds a control to each. */
export function CompactPapers({ papers, extra }: { papers: Paper[]; extra?: (paper: Paper) => Child }) {
  return (
    <ol class="compact-papers">
      {papers.map((p) => (
        <li>
          <a href={paperPath(p.id)} class="title">
            <TexText text={p.title} />
          </a>
          {p.authors.length > 0 && <p class="authors">{shortAuthors(p.authors)}</p>}
          {extra?.(p)}
        </li>
      ))}
    </ol>
  )
}

/** Previous and next links of one paged list on a page (`?<param>=`), the other lists' pages kept. */
export function Pager({
  here,
  query,
  param,
  page,
  hasNext,
}: {
  here: string
  query: Record<string, string>
  param: string
  page: number
  hasNext: boolean
}) {
  if (page <= 1 && !hasNext) return null
  const link = (n: number) => {
    const q = new URLSearchParams({ ...query, [param]: String(n) })
    if (n === 1) q.delete(param)
    const s = q.toString()
    return s ? `${here}?${s}` : here
  }
  return (
    <nav class="pager" aria-label={`Pages of ${param.replace(/_page$/, '')}`}>
      {page > 1 && (
        <a href={link(page - 1)} rel="prev">
          ← Previous
        </a>
      )}
      <span>Page {page}</span>
      {hasNext && (
        <a href={link(page + 1)} rel="next">
          Next →
        </a>
      )}
    </nav>
  )
}
