import { Field, FormError, PostForm } from '../../platform/views/form.js'
import { Layout } from '../../platform/views/layout.js'
import type { Site } from '../../platform/views/site.js'
import { groupedSecret } from '../accounts/two-factor.js'

/** The setup: the secret to add to an app (as text and as an otpauth:// link), then a code to confirm. */
export function TwoFactorSetupPage({
  site,
  secret,
  uri,
  error,
}: {
  site: Site
  secret: string
  uri: string
  error?: string
}) {
  return (
    <Layout site={site} title="Set up two-factor authentication">
      <section class="message-page account-form two-factor-page">
        <h1>Set up two-factor authentication</h1>
        <ol class="steps">
          <li>
            <p>
              Open an authenticator app on your phone (such as Aegis, Google Authenticator, 1Password or Authy) and add
              an account with this key:
            </p>
            <p>
              <code class="secret">{groupedSecret(secret)}</code>
            </p>
            <p>
              On the phone itself, <a href={uri}>open this link</a> to add it in one step. The full address for apps
              that take one:
            </p>
            <p>
              <code class="secret uri">{uri}</code>
            </p>
          </li>
          <li>
            <p>Enter the 6-digit code the app then shows, to prove it works:</p>
            <PostForm action="/settings/two-factor/enable">
              <Field
                id="two-factor-setup-code"
                name="code"
                label="Code from the app"
                inputmode="numeric"
                autocomplete="one-time-code"
                required
                maxlength={7}
                error={error}
              />
              <button type="submit">Turn on two-factor authentication</button>
            </PostForm>
          </li>
        </ol>
        <p>
          <a href="/settings#two-factor">Cancel and go back to settings</a>
        </p>
      </section>
    </Layout>
  )
}

/** Recovery codes, shown once when made. */
export function RecoveryCodesPage({ site, codes, fresh }: { site: Site; codes: string[]; fresh: boolean }) {
  return (
    <Layout site={site} title="Your recovery codes">
      <section class="message-page two-factor-page">
        <h1>{fresh ? 'Two-factor authentication is on' : 'Your new recovery codes'}</h1>
        <p role="status">
          Save these recovery codes somewhere safe, away from your phone: a password manager, or printed. Each one logs
          you in once if your phone is lost. They are shown only now{fresh ? '' : '; your old codes no longer work'}.
        </p>
        <ul class="recovery-codes">
          {codes.map((code) => (
            <li>
              <code>{code}</code>
            </li>
          ))}
        </ul>
        <p>
          <a class="button" href="/settings#two-factor">
            I have saved them
          </a>
        </p>
      </section>
    </Layout>
  )
}

interface ManageProps {
  site: Site
  recoveryCodesLeft: number
  errors?: Record<string, string>
}

/** Two-factor when it is on: new recovery codes, or turning it off (password and a code). */
export function TwoFactorManagePage({ site, recoveryCodesLeft, errors = {} }: ManageProps) {
  return (
    <Layout site={site} title="Two-factor authentication">
      <div class="settings-page account-form">
        <h1>Two-factor authentication</h1>
        <p>
          <strong>On.</strong> {recoveryCodesLeft} of your 10 recovery codes are unused.{' '}
          <a href="/settings">Settings</a>
        </p>
        <FormError message={errors.form} />
        <section class="settings-section" aria-labelledby="codes-title">
          <h2 id="codes-title">New recovery codes</h2>
          <p>Makes 10 new codes; the old ones stop working.</p>
          <PostForm action="/settings/two-factor/recovery-codes">
            <Field
              id="codes-code"
              name="code"
              label="Code from your app"
              inputmode="numeric"
              autocomplete="one-time-code"
              required
              maxlength={40}
              error={errors['codes-code']}
            />
            <button type="submit">Make new recovery codes</button>
          </PostForm>
        </section>
        <section class="settings-section" aria-labelledby="disable-title">
          <h2 id="disable-title">Turn off two-factor authentication</h2>
          <PostForm action="/settings/two-factor/disable">
            <Field
              id="disable-password"
              name="password"
              label="Current password"
              type="password"
              autocomplete="current-password"
              required
              error={errors['disable-password']}
            />
            <Field
              id="disable-code"
              name="code"
              label="Code from your app, or a recovery code"
              autocomplete="one-time-code"
              required
              maxlength={40}
              error={errors['disable-code']}
            />
            <button type="submit" class="danger">
              Turn off
            </button>
          </PostForm>
        </section>
      </div>
    </Layout>
  )
}
