import { Hono } from 'hono'
import type { Logger } from 'pino'
import type { PaperLookup } from '../papers/lookup.js'
import type { Db } from '../platform/db/connect.js'
import type { RateLimits } from '../platform/http/rate-limit.js'
import type { Mailer } from '../platform/mail/mailer.js'
import type { Site } from '../platform/views/site.js'
import { accountPages } from './accounts/pages.js'
import { settingsPages } from './settings/pages.js'
import { commentsApi } from './comments/api.js'
import { commentPages } from './comments/pages.js'
import { claimRoutes } from './claims/routes.js'
import { moderationRoutes } from './moderation/routes.js'
import { collectionsApi } from './collections/api.js'
import { collectionPages } from './collections/pages.js'
import { profilePages } from './profiles/pages.js'
import { submissionsApi } from './submissions/api.js'
import { submissionPages } from './submissions/pages.js'
import { loadSubmitRules } from './submissions/settings.js'
import { voteRoutes } from './votes/routes.js'
import { followsRoutes } from '../follows/routes.js'

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
  app.route('/', settingsPages(deps))
  app.route('/', commentPages(deps))
  app.route('/', commentsApi(deps))
  app.route('/', moderationRoutes(deps))
  app.route('/', claimRoutes(deps))
  const submitRules = loadSubmitRules()
  app.route('/', submissionPages(deps, submitRules))
  app.route('/', submissionsApi(deps, submitRules))
  app.route('/', collectionPages(deps))
  app.route('/', collectionsApi(deps))
  app.route('/', profilePages(deps))
  app.route('/', voteRoutes(deps))
  app.route('/', followsRoutes(deps))
  return app
}
