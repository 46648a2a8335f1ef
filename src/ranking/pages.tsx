import { Hono } from 'hono'
import type { Site } from '../platform/views/site.js'
import { RANKING_PATH } from './paths.js'
import { RankingPage } from './ranking-page.js'

/** The page that states how each ranked list is ordered. */
export function rankingPages(site: Site): Hono {
  const app = new Hono()
  app.get(RANKING_PATH, (c) => c.html(<RankingPage site={site} />))
  return app
}
