import { createHash } from 'node:crypto'
import { isArxivId } from '../papers/arxiv-id.js'
import { shortAuthors } from '../papers/display.js'
import type { Paper } from '../papers/model.js'
import { texToPlainText } from '../papers/tex/plain.js'
import { formatDay } from '../platform/views/format.js'
import type { PreviewImage } from '../platform/views/preview-image.js'
import { CARD_HEIGHT, CARD_WIDTH, type CardText } from './card-svg.js'

// Bump when the card's drawing changes, so every stored card and cached URL is renewed.
const CARD_DESIGN = '1'

/** What a paper's card shows: its title, first authors, the site's name and its arXiv date. */
export function paperCardText(paper: Paper, siteName: string): CardText {
  const day = paper.publishedAt ?? paper.updatedAt
  const id = isArxivId(paper.id) ? `arXiv:${paper.id}` : paper.id
  return {
    site: siteName,
    title: texToPlainText(paper.title),
    byline: shortAuthors(paper.authors),
    footer: day ? `${formatDay(day)} · ${id}` : id,
  }
}

/** The site's own card, for the home page, listings and every page without a picture of its own. */
export function siteCardText(siteName: string, baseUrl: string): CardText {
  return {
    site: siteName,
    title: 'Trending research papers, every day',
    byline: 'Daily, weekly and monthly picks of new papers from arXiv and Hugging Face Daily Papers',
    footer: new URL(baseUrl).host,
  }
}

/** Names what a card shows; a card whose text changes gets a new fingerprint, and so a new URL. */
export function cardFingerprint(text: CardText): string {
  return createHash('sha256')
    .update(JSON.stringify([CARD_DESIGN, text]))
    .digest('hex')
    .slice(0, 16)
}

export function paperCardPath(paperId: string): string {
  return `/cards/papers/${paperId}.png`
}

export const SITE_CARD_PATH = '/cards/site.png'

/** A card as a page's preview image: its address carries the fingerprint, so it may be cached forever. */
export function cardImage(baseUrl: string, path: string, text: CardText): PreviewImage {
  return {
    url: `${baseUrl}${path}?v=${cardFingerprint(text)}`,
    alt: text.title === text.site ? text.site : `${text.title} · ${text.site}`,
    width: CARD_WIDTH,
    height: CARD_HEIGHT,
    type: 'image/png',
  }
}
