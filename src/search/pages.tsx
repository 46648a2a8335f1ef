import { Hono } from 'hono'
import { z } from 'zod'
import { findArxivId } from '../papers/arxiv-id.js'
import { paperPath } from '../papers/paths.js'
import { parseQuery } from '../platform/http/params.js'
import { Layout } from '../platform/views/layout.js'
import type { Site } from '../platform/views/site.js'

const searchQuery = z.object({ q: z.string().max(250, 'a search is at most 250 characters').default('') })

/**
 * The search box's target. Full-text search is a later feature; until then a pasted arXiv id or
 * URL goes straight to the paper, and anything else gets a page that says so plainly.
 */
export function searchPages(site: Site): Hono {
  const app = new Hono()
  app.get('/search', async (c) => {
    const { q } = parseQuery(searchQuery, c.req.query())
    const id = findArxivId(q)
    // The paper page shows it from the catalog, or fetches it from arXiv when it is not there.
    if (id) return c.redirect(paperPath(id.id))
    return c.html(
      // The page does not depend on the query, so every /search?q=… is a copy of /search.
      <Layout site={site} title="Search" canonical="/search">
        <section class="message-page">
          <h1>Search</h1>
          <p>
            Full-text search is not available on this site yet. Paste an arXiv id or link (such as 2401.00001) to open a
            paper directly, or browse the <a href="/papers">daily papers</a>.
          </p>
        </section>
      </Layout>,
    )
  })
  return app
}
