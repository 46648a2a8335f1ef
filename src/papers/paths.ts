import type { PeriodKind } from './period.js'

/**
 * The addresses of the papers pages in one place: pages.tsx declares its routes with these
 * patterns and the views make every link with these functions, so grepping `/papers/date` finds
 * both the route and its links.
 */
export const PERIOD_ROUTES = {
  day: '/papers/date/:key',
  week: '/papers/week/:key',
  month: '/papers/month/:key',
} as const satisfies Record<PeriodKind, string>
export const LATEST_PATHS = ['/', '/papers'] as const
export const TRENDING_PATH = '/papers/trending'
/** Both id styles, old ones with their slash (`/papers/hep-th/9901001`), and the `.md` variant. */
export const PAPER_ROUTE = '/papers/:id{.+}'
/** What a paper's address may end in besides nothing (the page): Markdown, or a citation format. */
export const PAPER_FORMATS = ['md', 'bib', 'ris', 'csl.json'] as const
export type PaperFormat = (typeof PAPER_FORMATS)[number] | 'html'

export function periodPath(kind: PeriodKind, key: string): string {
  return PERIOD_ROUTES[kind].replace(':key', key)
}

export function paperPath(id: string, { format = 'html' }: { format?: PaperFormat } = {}): string {
  return `/papers/${id}${format === 'html' ? '' : `.${format}`}`
}

/** What `PAPER_ROUTE` matched: the id as written, and the format its ending asks for. */
export function splitPaperParam(param: string): { id: string; format: PaperFormat } {
  const format = PAPER_FORMATS.find((f) => param.endsWith(`.${f}`))
  return format ? { id: param.slice(0, -format.length - 1), format } : { id: param, format: 'html' }
}
