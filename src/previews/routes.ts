import { type Context, Hono } from 'hono'
import { parsePaperId } from '../papers/arxiv-id.js'
import { getPaper } from '../papers/store.js'
import type { Db } from '../platform/db/connect.js'
import { HttpError } from '../platform/http/http-error.js'
import { type CardText, cardSvg } from './card-svg.js'
import { cardFingerprint, paperCardText, SITE_CARD_PATH, siteCardText } from './cards.js'
import { THUMBNAIL_PATH_PATTERN } from './paths.js'
import { renderPng } from './render-png.js'
import { findCard, findThumbnail, saveCard } from './store.js'

const FOREVER = 'public, max-age=31536000, immutable'
// A thumbnail's key names its source URL, whose image rarely changes; a month, then revalidate.
const THUMBNAIL_CACHE = 'public, max-age=2592000'
// A placeholder stands in until the thumbnail is fetched: browsers should ask again soon.
const PLACEHOLDER_CACHE = 'public, max-age=600'
// A card asked for without its fingerprint (or an old one) may change when its paper does.
const CARD_CACHE = 'public, max-age=3600'

/** A neutral 16:9 picture with the site icon: never a third party's image, never a broken one. */
const PLACEHOLDER_SVG = [
  '<svg xmlns="http://www.w3.org/2000/svg" width="336" height="189" viewBox="0 0 336 189">',
  '<rect width="336" height="189" fill="#e5e7eb"/>',
  '<g transform="translate(144 70.5) scale(1.5)" opacity="0.55"><rect width="32" height="32" rx="7" fill="#1f2937"/>',
  '<path d="M9 8h11l4 4v12H9z" fill="#fde68a"/>',
  '<path d="M12 14h9M12 18h9M12 22h6" stroke="#1f2937" stroke-width="2" stroke-linecap="round"/></g></svg>',
].join('')

/** Serves stored thumbnails (or the placeholder) and preview cards, rendering a card on first request. */
export function previewRoutes(db: Db, site: { name: string; baseUrl: string }): Hono {
  const app = new Hono()
  const rendering = new Map<string, Promise<Buffer>>() // one render per card at a time, however many ask

  app.get(THUMBNAIL_PATH_PATTERN, async (c) => {
    const stored = await findThumbnail(db, c.req.param('key'))
    if (!stored) {
      return c.body(PLACEHOLDER_SVG, 200, {
        'Content-Type': 'image/svg+xml',
        'Cache-Control': PLACEHOLDER_CACHE,
      })
    }
    return sendImage(c, stored.body, stored.type, `"${stored.etag}"`, THUMBNAIL_CACHE)
  })

  const sendCard = async (c: Context, key: string, text: CardText) => {
    const fingerprint = cardFingerprint(text)
    let png = await findCard(db, key).then((card) => (card?.fingerprint === fingerprint ? card.png : null))
    if (!png) {
      let render = rendering.get(key)
      if (!render) {
        render = renderPng(cardSvg(text)).then(async (rendered) => {
          await saveCard(db, key, { fingerprint, png: rendered })
          return rendered
        })
        rendering.set(key, render)
        void render.finally(() => rendering.delete(key)).catch(() => {})
      }
      png = await render
    }
    const cache = c.req.query('v') === fingerprint ? FOREVER : CARD_CACHE
    return sendImage(c, png, 'image/png', `"${fingerprint}"`, cache)
  }

  app.get(SITE_CARD_PATH, (c) => sendCard(c, 'site', siteCardText(site.name, site.baseUrl)))

  app.get('/cards/papers/:file{.+\\.png}', async (c) => {
    const file = c.req.param('file')
    const id = parsePaperId(file.slice(0, -'.png'.length))
    const found = id && id.version === null ? await getPaper(db, id.id) : null
    if (!found) throw new HttpError(404, `There is no paper “${file.slice(0, -4)}” here, so no card for it.`)
    return sendCard(c, `paper:${found.paper.id}`, paperCardText(found.paper, site.name))
  })

  return app
}

/** An image with its validator; a request that already holds this version gets 304 and no body. */
function sendImage(c: Context, body: Buffer, type: string, etag: string, cache: string) {
  const headers = { ETag: etag, 'Cache-Control': cache }
  const held = c.req.header('if-none-match')
  if (held?.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)) return c.body(null, 304, headers)
  return c.body(new Uint8Array(body), 200, { ...headers, 'Content-Type': type })
}
