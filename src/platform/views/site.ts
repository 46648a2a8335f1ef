import type { PreviewImage } from './preview-image.js'

/** What every page needs to know about the site it is rendered for. */
export interface Site {
  name: string
  baseUrl: string
  assets: { css: string; js: string }
  /** The site's own preview card: the link preview of every page without a picture of its own. */
  card: PreviewImage
}
