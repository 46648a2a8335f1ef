import { Hono } from 'hono'
import type { CommunityDeps } from '../community/routes.js'
import { followsApi } from './api.js'
import { followRoutes } from './follow-routes.js'
import { followingPages } from './following-pages.js'
import { followSettingsPages } from './settings-pages.js'

/** Everything a member does with follows: the Follow button's forms, the Following page, the settings. */
export function followsRoutes(deps: CommunityDeps): Hono {
  const app = new Hono()
  app.route('/', followRoutes(deps))
  app.route('/', followingPages(deps))
  app.route('/', followSettingsPages(deps))
  app.route('/', followsApi(deps))
  return app
}
