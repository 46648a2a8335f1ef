import { NoticePage } from '../community/accounts/views.js'
import { Field, FormError, PostForm } from '../platform/views/form.js'
import { Layout } from '../platform/views/layout.js'
import type { Site } from '../platform/views/site.js'
import { MAX_PAPERS, MIN_PAPERS } from './preferences.js'
import type { Subscription } from './store.js'

export function SubscribeResult({ site, email }: { site: Site; email: string }) {
  return (
    <NoticePage site={site} title="Check your inbox">
      <p>
        We sent a link to <strong>{email}</strong>. Open it and press the button to confirm: no digest is sent before
        you do.
      </p>
      <p>Nothing arrived after a few minutes? Look in your spam folder, or subscribe again.</p>
    </NoticePage>
  )
}

interface PreferencesProps {
  site: Site
  subscription: Subscription
  /** The signed token of the email's link, which every form here carries back. */
  token: string
  saved: boolean
  welcome: boolean
  errors: Record<string, string>
}

/** What a subscriber controls, reached from any digest email without logging in. */
export function PreferencesPage({ site, subscription: s, token, saved, welcome, errors }: PreferencesProps) {
  const action = `/digest/preferences?s=${token}`
  const active = s.status === 'active'
  return (
    <Layout site={site} title="Digest preferences">
      <section class="message-page account-form digest-preferences" aria-labelledby="prefs-title">
        <h1 id="prefs-title">Your digest</h1>
        {welcome && <p class="notice-ok">You are subscribed. The first digest comes with the next period’s papers.</p>}
        {saved && (
          <p class="notice-ok" role="status">
            Saved.
          </p>
        )}
        <p>
          Sent to <strong>{s.email}</strong>
          {active
            ? s.paused
              ? ' · paused'
              : ''
            : ` · ${s.status === 'pending' ? 'waiting for confirmation' : 'not subscribed'}`}
        </p>
        <FormError message={Object.keys(errors).length > 0 ? 'Some choices need another look.' : undefined} />
        <PreferencesForm subscription={s} action={action} errors={errors} />
        {active && (
          <PostForm action={`/digest/unsubscribe?s=${token}`} class="unsubscribe">
            <button type="submit" class="secondary">
              Unsubscribe
            </button>
          </PostForm>
        )}
      </section>
    </Layout>
  )
}

/** The preferences form: the same on the signed-link page and in account settings. */
export function PreferencesForm({
  subscription: s,
  action,
  errors,
}: {
  subscription: Subscription
  action: string
  errors: Record<string, string>
}) {
  return (
    <PostForm action={action}>
      <fieldset>
        <legend>How often</legend>
        <label class="choice">
          <input type="radio" name="frequency" value="daily" checked={s.frequency === 'daily'} /> Daily
        </label>
        <label class="choice">
          <input type="checkbox" name="every_day" checked={s.everyDay} /> Weekends too (otherwise weekdays only)
        </label>
        <label class="choice">
          <input type="radio" name="frequency" value="weekly" checked={s.frequency === 'weekly'} /> Weekly, on Mondays
        </label>
        {errors.frequency && <p class="field-error">{errors.frequency}</p>}
      </fieldset>
      <Field
        id="prefs-categories"
        name="categories"
        label="arXiv categories"
        value={s.categories.join(' ')}
        hint="Only papers in these, e.g. cs.LG cs.CL; empty for all."
        error={errors.categories}
      />
      <Field
        id="prefs-keywords"
        name="keywords"
        label="Keywords"
        value={s.keywords.join(' ')}
        hint="Only papers whose title or abstract holds one of these words; empty for all."
        error={errors.keywords}
      />
      <Field
        id="prefs-max"
        name="max_papers"
        label="Papers per email"
        type="number"
        value={String(s.maxPapers)}
        hint={`Between ${MIN_PAPERS} and ${MAX_PAPERS}.`}
        error={errors.max_papers}
      />
      <label class="choice">
        <input type="checkbox" name="paused" checked={s.paused} /> Pause the digest
      </label>
      <button type="submit">Save</button>
    </PostForm>
  )
}

export const SETTINGS_DIGEST_PATH = '/settings/digest'

interface DigestSectionProps {
  subscription: Subscription | null
  /** The account's address and whether it is confirmed. */
  email: string
  verified: boolean
  errors: Record<string, string>
}

/**
 * The digest on a member's settings page: subscribe the account's confirmed address in one click,
 * or the preferences form of the signed-link page and unsubscribe. Its heading comes from the page.
 */
export function DigestSettings({ subscription: s, email, verified, errors }: DigestSectionProps) {
  if (s?.status === 'active') {
    return (
      <>
        <p>
          Sent to <strong>{s.email}</strong>
          {s.paused ? ' · paused' : ''}. Papers like the ones you upvote or collect come in a “For you” section.
        </p>
        <FormError message={Object.keys(errors).length > 0 ? 'Some choices need another look.' : undefined} />
        <PreferencesForm subscription={s} action={SETTINGS_DIGEST_PATH} errors={errors} />
        <PostForm action={`${SETTINGS_DIGEST_PATH}/unsubscribe`} class="unsubscribe">
          <button type="submit" class="secondary">
            Unsubscribe
          </button>
        </PostForm>
      </>
    )
  }
  if (!verified) {
    return (
      <p>
        The digest of trending papers goes to confirmed addresses only: open the link we sent to{' '}
        <strong>{email}</strong> first.
      </p>
    )
  }
  return (
    <>
      <p>
        Get the trending papers by email at <strong>{email}</strong>, with papers like the ones you upvote or collect.
        Your address is confirmed, so no confirmation email is needed.
      </p>
      <PostForm action={`${SETTINGS_DIGEST_PATH}/subscribe`}>
        <button type="submit">Subscribe to the digest</button>
      </PostForm>
    </>
  )
}
