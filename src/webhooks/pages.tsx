import { type Context, Hono } from 'hono'
import type { Logger } from 'pino'
import { readForm, signedIn } from '../community/accounts/forms.js'
import { NO_STORE } from '../community/accounts/views.js'
import { listFollows } from '../follows/store.js'
import type { Db } from '../platform/db/connect.js'
import { HttpError } from '../platform/http/http-error.js'
import type { Limit, RateLimits } from '../platform/http/rate-limit.js'
import type { Viewer } from '../platform/http/viewer.js'
import type { Mailer } from '../platform/mail/mailer.js'
import type { Site } from '../platform/views/site.js'
import { parseAddForm, parseFollowChoice } from './forms.js'
import { MAX_URL_CHARS } from './target-url.js'
import { withoutUnstorableChars } from '../platform/text.js'
import { describeTarget, SETTINGS_PATH } from './paths.js'
import { newSigningSecret } from './signing.js'
import {
  countWebhooks,
  createWebhook,
  deleteWebhook,
  findWebhook,
  listWebhooks,
  setWebhookEnabled,
  setWebhookFollows,
  setWebhookSecret,
} from './store.js'
import { type PageState, WebhooksPage } from './views.js'
import { sendTestDelivery } from './worker.js'

/** Enough for a Slack, a Discord and a Matrix per lab channel; a member with more is scripting something else. */
export const MAX_WEBHOOKS = 20
/** Each test is a request from this server to an address the member chose: a few a minute is plenty. */
export const TEST_LIMIT: Limit = { name: 'webhook-test', points: 10, durationS: 600 }

/** The add form's fields to show again beside its errors: never the token, nothing unprintable, nothing huge. */
function refill(form: Record<string, string>): Record<string, string> {
  const clean = (s: string | undefined, max: number) =>
    withoutUnstorableChars((s ?? '').replace(/[\u0000-\u001f\u007f]/g, '')).slice(0, max)
  const values: Record<string, string> = {
    kind: clean(form.kind, 10),
    url: clean(form.url, MAX_URL_CHARS),
    matrix_room: clean(form.matrix_room, 255),
    applies: clean(form.applies, 10),
  }
  for (const key of Object.keys(form)) if (/^follow-\d{1,9}$/.test(key)) values[key] = clean(form[key], 3)
  return values
}

/** What the page says after an action that redirects back (`?done=<key>`): fixed sentences only. */
const DONE = {
  deleted: 'The webhook is deleted; alerts queued for it are dropped.',
  enabled: 'The webhook is on again.',
  disabled: 'The webhook is off: no alerts go to it until you turn it on.',
  tested: 'Test sent. Its outcome shows as the webhook’s last delivery below.',
  follows: 'Saved: the webhook carries the alerts of the follows you chose.',
} as const

export interface WebhookPagesDeps {
  db: Db
  site: Site
  mailer: Mailer
  logger: Logger
  now: () => number
  limits: RateLimits
  allowPrivate: boolean
}

/** /settings/webhooks: a member's webhooks, added, tested, turned off and on, re-keyed and deleted. */
export function webhookPages(deps: WebhookPagesDeps): Hono {
  const { db, site, now, limits, allowPrivate } = deps
  const app = new Hono()
  const iso = () => new Date(now()).toISOString()

  const render = async (c: Context, viewer: Viewer, state: PageState = {}, status: 200 | 400 | 409 = 200) => {
    const [webhooks, follows] = await Promise.all([listWebhooks(db, viewer.id), listFollows(db, viewer.id)])
    return c.html(<WebhooksPage site={site} webhooks={webhooks} follows={follows} {...state} />, status, NO_STORE)
  }
  /** The signed-in member, the webhook of theirs the address names (or a 404 that says so), and the form. */
  const own = async (c: Context) => {
    const viewer = signedIn(c, SETTINGS_PATH)
    if (viewer instanceof Response) return viewer
    const form = await readForm(c)
    const id = /^\d{1,9}$/.test(c.req.param('id') ?? '') ? Number(c.req.param('id')) : null
    const webhook = id === null ? null : await findWebhook(db, viewer.id, id)
    if (!webhook) throw new HttpError(404, 'You have no such webhook; it may be deleted already.')
    return { viewer, webhook, form }
  }
  const back = (c: Context, done: keyof typeof DONE, id?: number) =>
    c.redirect(`${SETTINGS_PATH}?done=${done}${id === undefined ? '' : `#webhook-${id}`}`, 303)

  app.get(SETTINGS_PATH, async (c) => {
    const viewer = signedIn(c, SETTINGS_PATH)
    if (viewer instanceof Response) return viewer
    const key = c.req.query('done')
    const done = key && Object.hasOwn(DONE, key) ? DONE[key as keyof typeof DONE] : undefined
    return render(c, viewer, { done })
  })

  app.post(SETTINGS_PATH, async (c) => {
    const viewer = signedIn(c, SETTINGS_PATH)
    if (viewer instanceof Response) return viewer
    const form = await readForm(c)
    const follows = await listFollows(db, viewer.id)
    const parsed = parseAddForm(
      form,
      follows.map((f) => f.id),
      allowPrivate,
    )
    const values = refill(form)
    if (!parsed.ok) return render(c, viewer, { errors: parsed.errors, values }, 400)
    if ((await countWebhooks(db, viewer.id)) >= MAX_WEBHOOKS)
      return render(
        c,
        viewer,
        {
          errors: { form: `You have ${MAX_WEBHOOKS} webhooks, the most one account may have. Delete one first.` },
          values,
        },
        409,
      )
    const secret = newSigningSecret()
    const id = await createWebhook(db, viewer.id, { ...parsed.value, secret }, iso())
    // Rendered, not redirected to: the secret must not travel in an address or be shown twice.
    return render(c, viewer, { newSecret: { webhookId: id, target: describeTarget(parsed.value), secret } })
  })

  app.post(`${SETTINGS_PATH}/:id/test`, async (c) => {
    const found = await own(c)
    if (found instanceof Response) return found
    await limits.consume(
      TEST_LIMIT,
      `user:${found.viewer.id}`,
      'You sent many tests just now. Wait a few minutes and try again.',
    )
    await sendTestDelivery({ ...deps, clock: now }, found.webhook.id)
    return back(c, 'tested', found.webhook.id)
  })

  app.post(`${SETTINGS_PATH}/:id/rotate`, async (c) => {
    const found = await own(c)
    if (found instanceof Response) return found
    const secret = newSigningSecret()
    await setWebhookSecret(db, found.viewer.id, found.webhook.id, secret, iso())
    return render(c, found.viewer, {
      newSecret: { webhookId: found.webhook.id, target: describeTarget(found.webhook), secret },
    })
  })

  for (const [action, enabled] of [
    ['enable', true],
    ['disable', false],
  ] as const) {
    app.post(`${SETTINGS_PATH}/:id/${action}`, async (c) => {
      const found = await own(c)
      if (found instanceof Response) return found
      await setWebhookEnabled(db, found.viewer.id, found.webhook.id, enabled, iso())
      return back(c, enabled ? 'enabled' : 'disabled', found.webhook.id)
    })
  }

  app.post(`${SETTINGS_PATH}/:id/follows`, async (c) => {
    const found = await own(c)
    if (found instanceof Response) return found
    const follows = await listFollows(db, found.viewer.id)
    const choice = parseFollowChoice(
      found.form,
      follows.map((f) => f.id),
    )
    if ('error' in choice) throw new HttpError(400, `The follows were not changed: ${choice.error}`)
    await setWebhookFollows(db, found.viewer.id, found.webhook.id, choice.followIds, iso())
    return back(c, 'follows', found.webhook.id)
  })

  app.post(`${SETTINGS_PATH}/:id/delete`, async (c) => {
    const found = await own(c)
    if (found instanceof Response) return found
    await deleteWebhook(db, found.viewer.id, found.webhook.id)
    return back(c, 'deleted')
  })

  return app
}
