/** The picture chat apps and social sites show for a link to a page (Open Graph, Twitter cards). */
export interface PreviewImage {
  /** Absolute: crawlers fetch it without knowing the page's address. */
  url: string
  alt: string
  width: number
  height: number
  type: string
}
