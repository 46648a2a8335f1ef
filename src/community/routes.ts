import { Hono } from 'hono'
import type { Logger } from 'pino'
import type { PaperLookup } from '../papers/lookup.js'
import type { Db } from '../platform/db/connect.js'
import type { RateLimits } from '../platform/http/rate-limit.js'
import type { Mailer } from '../platform/mail/mailer.js'
import type { Site } from '../platform/views/site.js'
import { accountPages } from './accounts/pages.js'
import { voteRoutes } from './votes/routes.js'

export interface CommunityDeps {
  db: Db
  site: Site
  mailer: Mailer
  logger: Logger
  now: () => number
  limits: RateLimits
  /** Whether X-Forwarded-For names the reader's address (clientIp). */
  trustProxy: boolean
  /** Fetches papers the catalog lacks from arXiv (submissions); absent, only the catalog is asked. */
  lookup?: PaperLookup
}

/** Every page and API route of the community: accounts first, then what signed-in readers do. */
export function communityRoutes(deps: CommunityDeps): Hono {
  const app = new Hono()
  app.route('/', accountPages(deps))
  app.route('/', voteRoutes(deps))
  return app
}
