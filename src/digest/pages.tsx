import { Hono } from 'hono'
import { z } from 'zod'
import { badRequest } from '../platform/http/http-error.js'
import { Layout } from '../platform/views/layout.js'
import type { Site } from '../platform/views/site.js'

const subscribeForm = z.object({ email: z.email({ message: 'enter a valid email address' }).max(254) })

/**
 * The header's "Get trending papers in your email inbox" form. Digests are a later feature: the
 * address is checked and then dropped, and the page says so instead of pretending to subscribe.
 */
export function digestPages(site: Site): Hono {
  const app = new Hono()
  app.post('/subscribe', async (c) => {
    const body = await c.req.parseBody()
    const parsed = subscribeForm.safeParse({ email: typeof body.email === 'string' ? body.email.trim() : '' })
    if (!parsed.success) throw badRequest(`Could not subscribe: ${parsed.error.issues[0]!.message}.`)
    return c.html(
      <Layout site={site} title="Email digests">
        <section class="message-page">
          <h1>Email digests are not switched on yet</h1>
          <p>
            This site does not send digests yet, so your address was not stored. Come back to the{' '}
            <a href="/papers">daily papers</a> in the meantime.
          </p>
        </section>
      </Layout>,
    )
  })
  return app
}
