import type { Child } from 'hono/jsx'
import { DigestSettings } from '../../digest/views.js'
import { Field, FormError, PostForm } from '../../platform/views/form.js'
import { formatDay } from '../../platform/views/format.js'
import { Layout } from '../../platform/views/layout.js'
import type { Site } from '../../platform/views/site.js'
import { deviceOf } from '../accounts/device.js'
import { PASSWORD_MIN } from '../accounts/passwords.js'
import type { SettingsData } from './load.js'

/** What a settings form sent back with its problems: field values to refill and errors by field id. */
export interface FormState {
  values?: Record<string, string>
  errors?: Record<string, string>
}

export interface SettingsProps extends FormState {
  site: Site
  data: SettingsData
  /** A sentence saying what just succeeded. */
  done?: string
  /** A token just made: its secret is shown this once. */
  newToken?: { name: string; token: string }
  /** The digest preferences form's problems, by field name. */
  digestErrors?: Record<string, string>
}

const time = (iso: string) => `${formatDay(iso)}, ${iso.slice(11, 16)} UTC`

function Section({ id, title, children }: { id: string; title: string; children?: Child }) {
  return (
    <section class="settings-section" id={id} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      {children}
    </section>
  )
}

/** The signed-in reader's settings: one section per thing they can change, each its own form. */
export function SettingsPage(props: SettingsProps) {
  const { site, data, done, errors = {} } = props
  return (
    <Layout site={site} title="Settings">
      <div class="settings-page account-form">
        <h1>Settings</h1>
        <p class="settings-who">
          Signed in as <strong>{data.user.username}</strong> ·{' '}
          <a href={`/u/${data.user.username}`}>your public profile</a>
        </p>
        {done && (
          <p class="notice settings-done" role="status">
            {done}
          </p>
        )}
        <FormError message={errors.form} />
        <ProfileSection {...props} />
        <EmailSection {...props} />
        <Section id="digest" title="Email digest">
          <DigestSettings
            subscription={data.digest}
            email={data.user.email}
            verified={data.user.emailVerified}
            errors={props.digestErrors ?? {}}
          />
        </Section>
        <PasswordSection {...props} />
        <TwoFactorSection {...props} />
        <SessionsSection {...props} />
        <Section id="follows" title="Follows and alerts">
          <p>
            <a href="/settings/follows">Manage what you follow</a> and the alerts each sends.
          </p>
        </Section>
        <TokensSection {...props} />
        <DataSection />
        <WebhooksSection />
        <DeleteSection {...props} />
      </div>
    </Layout>
  )
}

function ProfileSection({ data, values = {}, errors = {} }: SettingsProps) {
  return (
    <Section id="profile" title="Profile">
      <PostForm action="/settings/profile">
        <Field
          id="profile-name"
          name="display_name"
          label="Display name"
          value={values.display_name ?? data.user.displayName}
          autocomplete="name"
          required
          maxlength={50}
          hint="Shown with your comments and on your profile, beside your username."
          error={errors['profile-name']}
        />
        <button type="submit">Save name</button>
      </PostForm>
    </Section>
  )
}

function EmailSection({ data, values = {}, errors = {} }: SettingsProps) {
  const { user } = data
  return (
    <Section id="email" title="Email address">
      <p>
        <strong>{user.email}</strong> · {user.emailVerified ? 'confirmed' : 'not confirmed yet'}
      </p>
      {!user.emailVerified && (
        <PostForm action="/settings/verification" class="inline-form">
          <span>Upvoting, commenting and submitting wait until you open the link we sent.</span>
          <button type="submit" class="secondary">
            Send the link again
          </button>
        </PostForm>
      )}
      <PostForm action="/settings/email">
        <Field
          id="email-new"
          name="email"
          label="New email address"
          type="email"
          value={values.email}
          autocomplete="email"
          required
          maxlength={254}
          hint="We send a link to the new address; it replaces the old one once you open it."
          error={errors['email-new']}
        />
        <Field
          id="email-password"
          name="password"
          label="Current password"
          type="password"
          autocomplete="current-password"
          required
          error={errors['email-password']}
        />
        <button type="submit">Change email</button>
      </PostForm>
    </Section>
  )
}

function PasswordSection({ errors = {} }: SettingsProps) {
  return (
    <Section id="password" title="Password">
      <PostForm action="/settings/password">
        <Field
          id="password-current"
          name="current"
          label="Current password"
          type="password"
          autocomplete="current-password"
          required
          error={errors['password-current']}
        />
        <Field
          id="password-new"
          name="password"
          label="New password"
          type="password"
          autocomplete="new-password"
          required
          minlength={PASSWORD_MIN}
          hint={`At least ${PASSWORD_MIN} characters. Changing it logs out your other sessions.`}
          error={errors['password-new']}
        />
        <button type="submit">Change password</button>
      </PostForm>
    </Section>
  )
}

function TwoFactorSection({ data, errors = {} }: SettingsProps) {
  const { twoFactor } = data
  return (
    <Section id="two-factor" title="Two-factor authentication">
      {twoFactor.enabled ? (
        <>
          <p>
            <strong>On.</strong> Logging in asks for a code from your authenticator app. {twoFactor.recoveryCodesLeft}{' '}
            of your recovery codes are unused.
          </p>
          <p>
            <a href="/settings/two-factor">Manage two-factor authentication</a>
          </p>
        </>
      ) : (
        <>
          <p>
            <strong>Off.</strong> With it on, logging in also asks for a code from an authenticator app on your phone,
            so that a stolen password alone opens nothing.
          </p>
          <PostForm action="/settings/two-factor/start">
            <Field
              id="two-factor-password"
              name="password"
              label="Current password"
              type="password"
              autocomplete="current-password"
              required
              error={errors['two-factor-password']}
            />
            <button type="submit">Set up two-factor authentication</button>
          </PostForm>
        </>
      )}
    </Section>
  )
}

function SessionsSection({ data }: SettingsProps) {
  return (
    <Section id="sessions" title="Sessions">
      <p>Where your account is logged in. Sessions end after 30 days without use.</p>
      <div class="table-scroll">
        <table class="settings-table">
          <thead>
            <tr>
              <th scope="col">Device</th>
              <th scope="col">Logged in</th>
              <th scope="col">Last seen</th>
            </tr>
          </thead>
          <tbody>
            {data.sessions.map((s) => (
              <tr>
                <td>
                  {deviceOf(s.userAgent)}
                  {s.idHash === data.currentSession && <strong class="this-browser"> · this browser</strong>}
                </td>
                <td>{time(s.createdAt)}</td>
                <td>{time(s.lastSeenAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <PostForm action="/settings/sessions/others">
        <button type="submit" class="secondary" disabled={data.sessions.length < 2}>
          Log out everywhere else
        </button>
      </PostForm>
    </Section>
  )
}

function TokensSection({ data, newToken, values = {}, errors = {} }: SettingsProps) {
  return (
    <Section id="tokens" title="Personal access tokens">
      <p>
        Tokens let your scripts vote, comment, submit and manage collections through the{' '}
        <a href="/api/v1/openapi.json">write API</a>, as you: send one as <code>Authorization: Bearer pb_…</code>.
      </p>
      {newToken && (
        <div class="notice new-token" role="status">
          <p>Your new token “{newToken.name}”. Copy it now: it is shown only this once.</p>
          <p>
            <code class="secret">{newToken.token}</code>
          </p>
        </div>
      )}
      <PostForm action="/settings/tokens">
        <Field
          id="token-name"
          name="name"
          label="Token name"
          value={values.name}
          required
          maxlength={60}
          hint="What will use it, so that you can tell your tokens apart."
          error={errors['token-name']}
        />
        <button type="submit">Create token</button>
      </PostForm>
      {data.tokens.length === 0 ? (
        <p>You have no tokens.</p>
      ) : (
        <ul class="token-list">
          {data.tokens.map((t) => (
            <li>
              <span>
                <strong>{t.name}</strong>
                <span class="muted">
                  {' '}
                  · made {formatDay(t.createdAt)} ·{' '}
                  {t.lastUsedAt ? `last used ${formatDay(t.lastUsedAt)}` : 'never used'}
                </span>
              </span>
              <PostForm action={`/settings/tokens/${t.id}/revoke`}>
                <button type="submit" class="secondary" aria-label={`Revoke the token “${t.name}”`}>
                  Revoke
                </button>
              </PostForm>
            </li>
          ))}
        </ul>
      )}
    </Section>
  )
}

function DataSection() {
  return (
    <Section id="data" title="Your data">
      <p>
        Download everything you made here as one JSON file, or import one: a Paperboy account file, arxiv-sanity tags or
        a BibTeX file.
      </p>
      <p>
        <a href="/settings/data">Download or import your data</a>
      </p>
    </Section>
  )
}

function WebhooksSection() {
  return (
    <Section id="webhooks" title="Webhooks">
      <p>
        Alerts for the things you follow, posted to Slack, Discord, a Matrix room or any address that takes JSON:{' '}
        <a href="/settings/webhooks">your webhooks</a>.
      </p>
    </Section>
  )
}

function DeleteSection({ errors = {} }: SettingsProps) {
  return (
    <Section id="delete" title="Delete account">
      <p>
        Deleting your account logs you out everywhere and erases your email address and password. Your comments stay,
        shown as “[deleted]”; your username stays reserved. This cannot be undone.
      </p>
      <PostForm action="/settings/delete">
        <Field
          id="delete-password"
          name="password"
          label="Current password"
          type="password"
          autocomplete="current-password"
          required
          error={errors['delete-password']}
        />
        <button type="submit" class="danger">
          Delete my account
        </button>
      </PostForm>
    </Section>
  )
}
