import type { Paper } from '../papers/model.js'
import { texToPlainText } from '../papers/tex/plain.js'
import type { Db } from '../platform/db/connect.js'
import type { PreviewImage } from '../platform/views/preview-image.js'
import { cardImage, paperCardPath, paperCardText } from './cards.js'
import { thumbnailKey, thumbnailPath } from './paths.js'
import { thumbnailInfo } from './store.js'

/**
 * A paper page's link preview: its thumbnail once Paperboy holds a copy (so its size is known),
 * else its generated card. Both are served from this site.
 */
export async function previewImageOf(
  db: Db,
  paper: Paper,
  site: { name: string; baseUrl: string },
): Promise<PreviewImage> {
  const alt = `${texToPlainText(paper.title)} · ${site.name}`
  if (paper.thumbnail) {
    const stored = await thumbnailInfo(db, thumbnailKey(paper.thumbnail))
    if (stored) return { url: `${site.baseUrl}${thumbnailPath(paper.thumbnail)}`, alt, ...stored }
  }
  return cardImage(site.baseUrl, paperCardPath(paper.id), paperCardText(paper, site.name))
}
