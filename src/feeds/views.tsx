import type { FeedLink } from './links.js'

/** "Follow this list": links to the view's feeds in each format, for readers who subscribe by hand. */
export function FeedButtons({ feeds }: { feeds: FeedLink[] }) {
  return (
    <nav class="feed-links" aria-label="Feeds of this list">
      <FeedIcon />
      {feeds.map((f) => (
        <a href={f.href} type={f.type}>
          {f.format === 'json' ? 'JSON Feed' : f.format === 'rss' ? 'RSS' : 'Atom'}
        </a>
      ))}
    </nav>
  )
}

/** The usual feed symbol, as decoration beside the links' text. */
function FeedIcon() {
  return (
    <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
      <circle cx="3" cy="13" r="2" fill="currentColor" />
      <path d="M1 7a8 8 0 0 1 8 8M1 2a13 13 0 0 1 13 13" fill="none" stroke="currentColor" stroke-width="2" />
    </svg>
  )
}
