import { Field, FormError, PostForm } from '../platform/views/form.js'
import { formatDay } from '../platform/views/format.js'
import { Layout } from '../platform/views/layout.js'
import type { Site } from '../platform/views/site.js'
import { KINDS } from './forms.js'
import { describeTarget } from './paths.js'
import type { Webhook } from './store.js'
import { MAX_URL_CHARS } from './target-url.js'

/** What an action sends back to the page: a sentence, a new secret to copy, or the add form's problems. */
export interface PageState {
  done?: string
  newSecret?: { webhookId: number; target: string; secret: string }
  errors?: Record<string, string>
  values?: Record<string, string>
}

interface Props extends PageState {
  site: Site
  webhooks: Webhook[]
  follows: { id: number; kind: string; label: string }[]
}

const KIND_LABEL = Object.fromEntries(KINDS.map((k) => [k.kind, k.label]))
const time = (iso: string) => `${formatDay(iso)}, ${iso.slice(11, 16)} UTC`

/** A member's webhooks: what turned off and why first, then each webhook with its actions, then the form to add one. */
export function WebhooksPage(props: Props) {
  const { site, webhooks, done, newSecret, errors = {} } = props
  const off = webhooks.filter((w) => w.disabledReason !== null)
  return (
    <Layout site={site} title="Webhooks">
      <div class="settings-page account-form webhooks-page">
        <h1>Webhooks</h1>
        <p class="settings-who">
          Alerts for the things you follow, posted to Slack, Discord, a Matrix room or any address that takes JSON, as
          they are sent by email. <a href="/settings">Back to settings</a>
        </p>
        {done && (
          <p class="notice settings-done" role="status">
            {done}
          </p>
        )}
        {off.map((w) => (
          <div class="notice webhook-turned-off" role="alert">
            <p>
              <strong>Your webhook to {describeTarget(w)} was turned off.</strong> Why: {w.disabledReason}
            </p>
            <p>Fix the receiver, then turn it on again below.</p>
          </div>
        ))}
        {newSecret && (
          <div class="notice new-token" role="status">
            <p>Copy the signing secret of your webhook to {newSecret.target} now: it is shown only this once.</p>
            <p>
              <code class="secret">{newSecret.secret}</code>
            </p>
          </div>
        )}
        <FormError message={errors.form} />
        <section class="settings-section" id="webhooks" aria-labelledby="webhooks-title">
          <h2 id="webhooks-title">Your webhooks</h2>
          {webhooks.length === 0 ? (
            <p>You have no webhooks yet.</p>
          ) : (
            <ul class="webhook-list">
              {webhooks.map((w) => (
                <WebhookItem webhook={w} follows={props.follows} />
              ))}
            </ul>
          )}
        </section>
        <AddSection {...props} />
      </div>
    </Layout>
  )
}

function WebhookItem({ webhook: w, follows }: { webhook: Webhook; follows: Props['follows'] }) {
  const target = describeTarget(w)
  const name = `${KIND_LABEL[w.kind]} webhook to ${target}`
  const appliesTo = w.allFollows
    ? 'all your follows'
    : follows
        .filter((f) => w.followIds.includes(f.id))
        .map((f) => f.label)
        .join(', ') || 'follows you no longer have'
  const last =
    w.lastDeliveryAt === null
      ? 'Nothing sent yet.'
      : w.lastStatus === 'delivered'
        ? `Last delivery arrived ${time(w.lastDeliveryAt)}.`
        : `Last delivery ${w.lastStatus === 'retrying' ? 'failed and will be retried' : 'failed'} ${time(w.lastDeliveryAt)}: ${w.lastError ?? ''}`
  return (
    <li id={`webhook-${w.id}`}>
      <h3>
        {KIND_LABEL[w.kind]} · {target}
      </h3>
      <p>
        {w.enabled ? 'On' : 'Off'} · for {appliesTo} · added {formatDay(w.createdAt)}
      </p>
      <p class={w.lastStatus === 'delivered' || w.lastStatus === null ? 'webhook-status' : 'webhook-status failing'}>
        {last}
      </p>
      {follows.length > 0 && (
        <details class="webhook-follows">
          <summary>Change which follows</summary>
          <PostForm action={`/settings/webhooks/${w.id}/follows`}>
            <FollowChoice idPrefix={`webhook-${w.id}`} follows={follows} all={w.allFollows} chosen={w.followIds} />
            <button type="submit" class="secondary">
              Save follows
            </button>
          </PostForm>
        </details>
      )}
      <div class="webhook-actions">
        <PostForm action={`/settings/webhooks/${w.id}/test`}>
          <button type="submit" class="secondary" aria-label={`Send a test to the ${name}`}>
            Send a test
          </button>
        </PostForm>
        <PostForm action={`/settings/webhooks/${w.id}/${w.enabled ? 'disable' : 'enable'}`}>
          <button type="submit" class="secondary" aria-label={`Turn ${w.enabled ? 'off' : 'on'} the ${name}`}>
            {w.enabled ? 'Turn off' : 'Turn on'}
          </button>
        </PostForm>
        <PostForm action={`/settings/webhooks/${w.id}/rotate`}>
          <button type="submit" class="secondary" aria-label={`New secret for the ${name}`}>
            New secret
          </button>
        </PostForm>
        <PostForm action={`/settings/webhooks/${w.id}/delete`}>
          <button type="submit" class="danger" aria-label={`Delete the ${name}`}>
            Delete
          </button>
        </PostForm>
      </div>
    </li>
  )
}

/** The "all my follows / only these" radio pair and one box per follow, as both forms ask it. */
function FollowChoice(props: {
  idPrefix: string
  follows: Props['follows']
  all: boolean
  chosen: number[]
  error?: string
}) {
  const { idPrefix, follows, all, chosen, error } = props
  return (
    <fieldset aria-describedby={error ? `${idPrefix}-follows-error` : undefined}>
      <legend>Which follows</legend>
      <label class="choice">
        <input type="radio" name="applies" value="all" checked={all} /> All my follows, present and future
      </label>
      <label class="choice">
        <input type="radio" name="applies" value="chosen" checked={!all} /> Only these:
      </label>
      {follows.map((f) => (
        <label class="choice webhook-follow" for={`${idPrefix}-follow-${f.id}`}>
          <input
            type="checkbox"
            id={`${idPrefix}-follow-${f.id}`}
            name={`follow-${f.id}`}
            checked={chosen.includes(f.id)}
          />{' '}
          {f.label} <span class="muted">({f.kind})</span>
        </label>
      ))}
      {error && (
        <p class="field-error" id={`${idPrefix}-follows-error`}>
          {error}
        </p>
      )}
    </fieldset>
  )
}

function AddSection({ follows, values = {}, errors = {} }: Props) {
  const kind = values.kind || 'slack'
  return (
    <section class="settings-section" id="add" aria-labelledby="add-title">
      <h2 id="add-title">Add a webhook</h2>
      <FormError
        message={Object.keys(errors).some((k) => k !== 'form') ? 'The webhook was not added: see below.' : undefined}
      />
      <PostForm action="/settings/webhooks">
        <fieldset aria-describedby={errors['webhook-kind'] ? 'webhook-kind-error' : undefined}>
          <legend>Where it posts</legend>
          {KINDS.map((k) => (
            <label class="choice">
              <input type="radio" name="kind" value={k.kind} checked={kind === k.kind} /> {k.label}:{' '}
              <span class="muted">{k.hint}</span>
            </label>
          ))}
          {errors['webhook-kind'] && (
            <p class="field-error" id="webhook-kind-error">
              {errors['webhook-kind']}
            </p>
          )}
        </fieldset>
        <Field
          id="webhook-url"
          name="url"
          label="Address (for Matrix: the homeserver)"
          type="url"
          value={values.url}
          required
          maxlength={MAX_URL_CHARS}
          hint="https:// or http://; the address the service gave you, such as https://hooks.slack.com/services/… or https://matrix.org."
          error={errors['webhook-url']}
        />
        <fieldset>
          <legend>Matrix only</legend>
          <Field
            id="webhook-matrix-room"
            name="matrix_room"
            label="Room id"
            value={values.matrix_room}
            maxlength={255}
            hint="Such as !abcdef:matrix.org (Room settings → Advanced)."
            error={errors['webhook-matrix-room']}
          />
          <Field
            id="webhook-matrix-token"
            name="matrix_token"
            label="Access token of the account that posts"
            type="password"
            autocomplete="off"
            maxlength={1024}
            hint="Best a bot account that has joined the room; the token is kept to post and never shown again."
            error={errors['webhook-matrix-token']}
          />
        </fieldset>
        {follows.length > 0 && (
          <FollowChoice
            idPrefix="webhook-new"
            follows={follows}
            all={values.applies !== 'chosen'}
            chosen={follows.filter((f) => values[`follow-${f.id}`] === 'on').map((f) => f.id)}
            error={errors['webhook-follows']}
          />
        )}
        <p class="field-hint">
          Alerts go with each follow’s cadence (instant, daily or weekly). Every request carries{' '}
          <code>X-Paperboy-Signature: sha256=…</code>, the HMAC-SHA256 of <code>timestamp.body</code> under a secret
          shown once when you add the webhook, with <code>X-Paperboy-Timestamp</code> and a{' '}
          <code>X-Paperboy-Delivery</code> id that stays the same when a delivery is retried.
        </p>
        <button type="submit">Add webhook</button>
      </PostForm>
    </section>
  )
}
