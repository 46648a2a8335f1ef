/**
 * The three feed formats every view is offered in, and where a view's feeds live: beside the view,
 * `<view path>/feed.rss|atom|json` (`/papers/date/2026-08-21/feed.atom`). Pure, so that views can
 * advertise feeds without knowing how they are built.
 */
export const FEED_FORMATS = {
  rss: { label: 'RSS', type: 'application/rss+xml' },
  atom: { label: 'Atom', type: 'application/atom+xml' },
  json: { label: 'JSON Feed', type: 'application/feed+json' },
} as const
export type FeedFormat = keyof typeof FEED_FORMATS

/** A `<link rel="alternate">` of a page, and the feed button's links. */
export interface FeedLink {
  title: string
  href: string
  type: string
  format: FeedFormat
}

/** The latest featured papers: the feed of `/` and `/papers`, and of pages without one of their own. */
export const LATEST_FEED_BASE = '/papers'

/** The feeds of the view at `base` (a path, with a query string for searches), titled `title`. */
export function feedLinks(base: string, title: string): FeedLink[] {
  const [path, query] = base.split('?') as [string, string | undefined]
  return (Object.keys(FEED_FORMATS) as FeedFormat[]).map((format) => ({
    title: `${title} (${FEED_FORMATS[format].label})`,
    href: `${path.replace(/\/$/, '')}/feed.${format}${query ? `?${query}` : ''}`,
    type: FEED_FORMATS[format].type,
    format,
  }))
}
