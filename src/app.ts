import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { requestId } from 'hono/request-id'
import type { Logger } from 'pino'
import type { Config } from './config.js'
import { crawlerRoutes } from './crawlers/routes.js'
import { digestPages } from './digest/pages.js'
import { ingestPages } from './ingest/pages.js'
import { papersApi } from './papers/api.js'
import { catalogVersion } from './papers/store.js'
import type { PaperLookup } from './papers/lookup.js'
import { paperPages } from './papers/pages.js'
import type { Db } from './platform/db/connect.js'
import { loadAssets } from './platform/http/assets.js'
import { errorHandler, notFoundHandler } from './platform/http/errors.js'
import { HttpError } from './platform/http/http-error.js'
import { responseCache } from './platform/http/response-cache.js'
import { csrfProtection, securityHeaders } from './platform/http/security.js'
import type { Site } from './platform/views/site.js'
import { cardImage, SITE_CARD_PATH, siteCardText } from './previews/cards.js'
import { previewRoutes } from './previews/routes.js'
import { searchPages } from './search/pages.js'

const MAX_BODY_BYTES = 64 * 1024 // forms here are an email address; nothing needs more

export interface AppDeps {
  config: Config
  db: Db
  logger: Logger
  /** Fetches papers the catalog lacks from arXiv; absent, unknown ids are simply not found. */
  lookup?: PaperLookup
}

/** The whole HTTP surface: platform middleware first, then each feature's routes. */
export function createApp({ config, db, logger, lookup }: AppDeps): Hono {
  const assets = loadAssets()
  const card = cardImage(config.baseUrl, SITE_CARD_PATH, siteCardText(config.siteName, config.baseUrl))
  const site: Site = { name: config.siteName, baseUrl: config.baseUrl, assets: assets.paths, card }
  const app = new Hono()
  app.use(requestId())
  app.use(securityHeaders())
  app.use(csrfProtection(config.baseUrl))
  const limitBody = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: () => {
      throw new HttpError(413, 'The request body is too large.')
    },
  })
  // Only requests that carry a body: asking a GET for its body makes the adapter build a full
  // Fetch Request, which costs more than serving a cached page.
  app.use((c, next) => (c.req.method === 'GET' || c.req.method === 'HEAD' ? next() : limitBody(c, next)))
  app.route('/', assets.routes)
  app.route('/', crawlerRoutes(db, config.baseUrl))
  app.route('/', previewRoutes(db, site))
  // One cache, one memory bound, for the pages and the API that show the catalog.
  const cache = responseCache(() => catalogVersion(db))
  app.route('/', papersApi(db, config.baseUrl, cache, lookup))
  app.route('/', paperPages(db, site, cache, lookup))
  app.route('/', ingestPages(db, site))
  app.route('/', searchPages(site))
  app.route('/', digestPages(site))
  app.onError(errorHandler(logger, site))
  app.notFound(notFoundHandler(site))
  return app
}
