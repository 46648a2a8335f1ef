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
const MARKDOWN_SUFFIX = '.md'

export function periodPath(kind: PeriodKind, key: string): string {
  return PERIOD_ROUTES[kind].replace(':key', key)
}

export function paperPath(id: string, { markdown = false } = {}): string {
  return `/papers/${id}${markdown ? MARKDOWN_SUFFIX : ''}`
}

/** What `PAPER_ROUTE` matched: the id as written, and whether the Markdown variant was asked for. */
export function splitPaperParam(param: string): { id: string; markdown: boolean } {
  const markdown = param.endsWith(MARKDOWN_SUFFIX)
  return { id: markdown ? param.slice(0, -MARKDOWN_SUFFIX.length) : param, markdown }
}
