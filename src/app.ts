import type { IncomingMessage, ServerResponse } from 'node:http'
import { getRequestListener } from '@hono/node-server'
import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { requestId } from 'hono/request-id'
import type { Logger } from 'pino'
import { adminPages } from './admin/pages.js'
import { accountDataApi } from './account-data/api.js'
import { accountDataPages, UPLOAD_MAX_BODY_BYTES, UPLOAD_PATH_PREFIX } from './account-data/pages.js'
import { authorPages } from './authors/pages.js'
import { alertPages } from './alerts/pages.js'
import { ALERT_UNSUBSCRIBE_PATH } from './alerts/paths.js'
import { apiV1Routes } from './api-v1/routes.js'
import { apiTokenAuth } from './community/accounts/api-tokens.js'
import { viewerMiddleware } from './community/accounts/viewer-middleware.js'
import { categoryPages } from './categories/pages.js'
import { communityRoutes } from './community/routes.js'
import { requireAdmin } from './admin/access.js'
import type { Config } from './config.js'
import { crawlerRoutes } from './crawlers/routes.js'
import { bounceHook } from './digest/bounce-hook.js'
import { digestMailUnsubscriber } from './digest/unsubscribe-mail.js'
import { alertMailUnsubscriber } from './alerts/unsubscribe-mail.js'
import { digestPages, UNSUBSCRIBE_PATH } from './digest/pages.js'
import { loadDigestSettings } from './digest/settings.js'
import { feedLinks, LATEST_FEED_BASE } from './feeds/links.js'
import { feedRoutes } from './feeds/routes.js'
import { exportRoutes } from './exports/routes.js'
import { ingestPages } from './ingest/pages.js'
import { papersApi } from './papers/api.js'
import { catalogVersion } from './papers/store.js'
import type { PaperLookup } from './papers/lookup.js'
import { paperPages } from './papers/pages.js'
import type { Db } from './platform/db/connect.js'
import { accessLog, requestLogger } from './platform/http/access-log.js'
import { loadAssets } from './platform/http/assets.js'
import { shareReadApi } from './platform/http/cors.js'
import { errorHandler, notFoundHandler } from './platform/http/errors.js'
import { HEALTH_PATHS, healthRoutes } from './platform/http/health.js'
import { pendingMigrationNames } from './migrations.js'
import { HttpError } from './platform/http/http-error.js'
import { allowMethods } from './platform/http/methods.js'
import type { CacheHits } from './platform/http/cache-hits.js'
import { responseCache } from './platform/http/response-cache.js'
import { compressAnswers } from './platform/http/compress.js'
import { csrfProtection, securityHeaders } from './platform/http/security.js'
import { rejectMalformedUrl } from './platform/http/well-formed-url.js'
import type { Site } from './platform/views/site.js'
import { createMailer, defaultFrom, type Mailer } from './platform/mail/mailer.js'
import { createRateLimits, type RateLimits } from './platform/http/rate-limit.js'
import { loadMailSettings } from './platform/mail/settings.js'
import { cardImage, SITE_CARD_PATH, siteCardText } from './previews/cards.js'
import { previewRoutes } from './previews/routes.js'
import { rankingPages } from './ranking/pages.js'
import { searchApi } from './search/api.js'
import { searchPages } from './search/pages.js'
import { webhookPages } from './webhooks/pages.js'
import { loadWebhookSettings } from './webhooks/settings.js'

const MAX_BODY_BYTES = 64 * 1024 // the longest form is a 10,000-character comment; nothing needs more

export interface AppDeps {
  config: Config
  db: Db
  logger: Logger
  /** Fetches papers the catalog lacks from arXiv; absent, unknown ids are simply not found. */
  lookup?: PaperLookup
  /** The clock pages read ("new" badges, today); tests fix it. */
  now?: () => number
  /** Where account emails go; by default SMTP_URL's server or `.eml` files in OUTBOX_DIR. */
  mailer?: Mailer
  /** Counters for rate limits; by default in this process, or in Redis when REDIS_URL is set. */
  rateLimits?: RateLimits
}

/** The whole HTTP surface: platform middleware first, then each feature's routes. */
export function createApp(deps: AppDeps): Hono {
  return assembleApp(deps).app
}

/**
 * What `paperboy serve` listens with: the app behind the response cache's fast path, which answers
 * repeats of anonymous requests for cached pages before the app is reached (docs/decisions/0034).
 */
export function createRequestListener(
  deps: AppDeps,
): ((req: IncomingMessage, res: ServerResponse) => void) & { readonly hits: CacheHits } {
  const { app, cache } = assembleApp(deps)
  const toApp = getRequestListener(app.fetch)
  const listener = (req: IncomingMessage, res: ServerResponse) => {
    void cache.hits.serve(req, res).then((served) => {
      if (!served) return toApp(req, res)
    })
  }
  return Object.assign(listener, { hits: cache.hits })
}

function assembleApp({ config, db, logger, lookup, now = Date.now, mailer, rateLimits }: AppDeps) {
  const assets = loadAssets()
  const card = cardImage(config.baseUrl, SITE_CARD_PATH, siteCardText(config.siteName, config.baseUrl))
  const feeds = feedLinks(LATEST_FEED_BASE, `${config.siteName}: Daily Papers`)
  const site: Site = { name: config.siteName, baseUrl: config.baseUrl, assets: assets.paths, card, feeds }
  const log = config.accessLog ? requestLogger(logger, HEALTH_PATHS) : undefined
  // One cache, one memory bound, for the pages and the API that show the catalog.
  const cache = responseCache(() => catalogVersion(db), { log })
  const app = new Hono()
  app.use(cache.hits.learn) // first: it learns the headers every later middleware adds
  app.use(requestId())
  if (log) app.use(accessLog(log))
  app.use(compressAnswers()) // what the cache sends comes compressed; the rest is compressed here
  app.use(securityHeaders(config.baseUrl))
  app.use('/api/*', shareReadApi()) // first, so that a script can read the API's errors too
  app.use(rejectMalformedUrl())
  // Before CSRF: a POST to a page is answered 405 whatever its origin (it changes nothing).
  app.use(allowMethods(() => app.routes))
  app.use(csrfProtection(config.baseUrl, [UNSUBSCRIBE_PATH, ALERT_UNSUBSCRIBE_PATH]))
  app.use(viewerMiddleware(db, now))
  app.use('/api/v1/*', apiTokenAuth(db, now))
  const limitBody = (maxSize: number) =>
    bodyLimit({
      maxSize,
      onError: () => {
        throw new HttpError(413, 'The request body is too large.')
      },
    })
  const limits = { form: limitBody(MAX_BODY_BYTES), upload: limitBody(UPLOAD_MAX_BODY_BYTES) }
  // Only requests that carry a body: asking a GET for its body makes the adapter build a full
  // Fetch Request, which costs more than serving a cached page.
  // A declared length is checked from the header alone: asking the adapter for the body stream
  // builds a full Fetch Request, which costs more than the vote a form carries.
  // The account-data imports alone take files, and a larger body.
  app.use((c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next()
    const upload = c.req.path.startsWith(UPLOAD_PATH_PREFIX)
    const max = upload ? UPLOAD_MAX_BODY_BYTES : MAX_BODY_BYTES
    const length = c.req.header('content-length')
    if (length !== undefined && !c.req.header('transfer-encoding')) {
      if (Number(length) > max) throw new HttpError(413, 'The request body is too large.')
      return next()
    }
    return (upload ? limits.upload : limits.form)(c, next)
  })
  app.route(
    '/',
    healthRoutes(db, () => pendingMigrationNames(db)),
  )
  app.route('/', assets.routes)
  app.route('/', crawlerRoutes(db, config.baseUrl))
  app.route('/', previewRoutes(db, site))
  // Feeds first: `/papers/feed.rss` would otherwise be read as a paper id.
  app.route('/', feedRoutes(db, site, cache, now))
  app.route('/', exportRoutes(db, site, cache, now))
  app.route('/', categoryPages(db, site, cache, now))
  app.route('/', rankingPages(site))
  // Search first: `/api/papers/search` would otherwise be read as a paper id, and `/papers?q=` as the daily list.
  app.route('/', apiV1Routes())
  app.route('/', searchApi(db, config.baseUrl, cache, lookup, now))
  app.route('/', searchPages(db, site, cache, now))
  app.route('/', papersApi(db, config.baseUrl, cache, lookup))
  app.route('/', paperPages(db, site, cache, lookup, now))
  app.route('/', authorPages(db, site, cache, now))
  app.route('/', adminPages(db, site, config.adminToken))
  app.route('/', ingestPages(db, site, requireAdmin(config.adminToken)))
  const mail = loadMailSettings()
  mailer ??= createMailer(mail, defaultFrom(mail, config.siteName, config.baseUrl), logger)
  rateLimits ??= createRateLimits(config.redisUrl)
  const digestSettings = loadDigestSettings()
  app.route(
    '/',
    digestPages({
      db,
      site,
      mailer,
      limits: rateLimits,
      trustProxy: config.trustProxy,
      now,
      timezone: digestSettings.timezone,
    }),
  )
  app.route(
    '/',
    bounceHook(db, digestSettings.bounceHookSecret, now, [digestMailUnsubscriber(db), alertMailUnsubscriber(db)]),
  )
  app.route('/', accountDataPages({ db, site, now, limits: rateLimits }))
  app.route('/', accountDataApi({ db, now, limits: rateLimits }))
  app.route('/', alertPages({ db, site, now }))
  app.route(
    '/',
    communityRoutes({ db, site, mailer, logger, now, limits: rateLimits, trustProxy: config.trustProxy, lookup }),
  )
  app.route(
    '/',
    webhookPages({
      db,
      site,
      mailer,
      logger,
      now,
      limits: rateLimits,
      allowPrivate: loadWebhookSettings().allowPrivate,
    }),
  )
  app.onError(errorHandler(logger, site))
  app.notFound(notFoundHandler(site))
  return { app, cache }
}
