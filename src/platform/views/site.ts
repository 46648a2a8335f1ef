import type { PreviewImage } from './preview-image.js'

/** What every page needs to know about the site it is rendered for. */
export interface Site {
  name: string
  baseUrl: string
  assets: { css: string; js: string }
  /** The site's own preview card: the link preview of every page without a picture of its own. */
  card: PreviewImage
  /** The site's feeds, advertised by every page that has none of its own. */
  feeds: AlternateLink[]
}

/** A `<link rel="alternate">`: another format of a page, such as its RSS feed. */
export interface AlternateLink {
  title: string
  href: string
  type: string
}
