import type { Context } from 'hono'
import { Field, FormError, Honeypot, PostForm } from '../../platform/views/form.js'
import { Layout } from '../../platform/views/layout.js'
import type { Site } from '../../platform/views/site.js'
import { PASSWORD_MIN } from './passwords.js'

/** Account pages carry a reader's own data or a one-time secret: never kept by a cache. */
export const NO_STORE = { 'Cache-Control': 'no-store' }

interface SignupProps {
  site: Site
  values?: { username?: string; email?: string }
  errors?: Record<string, string>
}

export function SignupPage({ site, values = {}, errors = {} }: SignupProps) {
  return (
    <Layout site={site} title="Sign up">
      <section class="message-page account-form">
        <h1>Create your account</h1>
        <p>Upvote and discuss papers, submit new ones and keep reading lists.</p>
        <FormError message={errors.form} />
        <PostForm action="/signup">
          <Honeypot />
          <Field
            id="signup-username"
            name="username"
            label="Username"
            value={values.username}
            autocomplete="username"
            required
            maxlength={30}
            hint="Shown with your comments; letters, digits, - and _."
            error={errors.username}
          />
          <Field
            id="signup-email"
            name="email"
            label="Email address"
            type="email"
            value={values.email}
            autocomplete="email"
            required
            maxlength={254}
            hint="We send a link to confirm it; it is never shown to others."
            error={errors.email}
          />
          <Field
            id="signup-password"
            name="password"
            label="Password"
            type="password"
            autocomplete="new-password"
            required
            minlength={PASSWORD_MIN}
            hint={`At least ${PASSWORD_MIN} characters, and not one of the common passwords attackers try first.`}
            error={errors.password}
          />
          <button type="submit">Sign up</button>
        </PostForm>
        <p>
          Already have an account? <a href="/login">Log in</a>
        </p>
      </section>
    </Layout>
  )
}

export function LoginPage({ site, next, login, error }: { site: Site; next: string; login?: string; error?: string }) {
  return (
    <Layout site={site} title="Log in">
      <section class="message-page account-form">
        <h1>Log in</h1>
        <FormError message={error} />
        <PostForm action="/login">
          <input type="hidden" name="next" value={next} />
          <Field
            id="login-name"
            name="login"
            label="Username or email"
            value={login}
            autocomplete="username"
            required
            maxlength={254}
          />
          <Field
            id="login-password"
            name="password"
            label="Password"
            type="password"
            autocomplete="current-password"
            required
          />
          <button type="submit">Log in</button>
        </PostForm>
        <p>
          <a href="/account/reset">Forgot your password?</a> · New here? <a href="/signup">Sign up</a>
        </p>
      </section>
    </Layout>
  )
}

/** The second step of a log-in to an account with two-factor authentication. */
export function TwoFactorLoginPage({ site, error }: { site: Site; error?: string }) {
  return (
    <Layout site={site} title="Two-factor authentication">
      <section class="message-page account-form">
        <h1>Enter your authentication code</h1>
        <FormError message={error} />
        <PostForm action="/login/two-factor">
          <Field
            id="two-factor-code"
            name="code"
            label="Authentication code"
            autocomplete="one-time-code"
            required
            maxlength={40}
            hint="The 6-digit code your authenticator app shows, or one of your recovery codes."
          />
          <button type="submit">Log in</button>
        </PostForm>
        <p>
          Lost your phone and your recovery codes? Ask the site’s administrators for help: resetting your password does
          not turn two-factor authentication off.
        </p>
      </section>
    </Layout>
  )
}

/** A short page that says what happened and what to do next. */
export function NoticePage({ site, title, children }: { site: Site; title: string; children?: unknown }) {
  return (
    <Layout site={site} title={title}>
      <section class="message-page" aria-labelledby="notice-title">
        <h1 id="notice-title">{title}</h1>
        {children as never}
      </section>
    </Layout>
  )
}

/** The page a mailed link opens: one button, because a link scanner's GET must change nothing. */
export function ConfirmLinkPage({
  site,
  title,
  text,
  action,
  token,
  button,
}: {
  site: Site
  title: string
  text: string
  action: string
  token: string
  button: string
}) {
  return (
    <NoticePage site={site} title={title}>
      <p>{text}</p>
      <PostForm action={action}>
        <input type="hidden" name="token" value={token} />
        <button type="submit">{button}</button>
      </PostForm>
    </NoticePage>
  )
}

/**
 * The GET route of a mailed link (`?token=…`): its confirmation page, whose button POSTs the token to
 * `action`, the same address.
 */
export function confirmLinkRoute(site: Site, page: { title: string; text: string; action: string; button: string }) {
  return (c: Context) =>
    c.html(<ConfirmLinkPage site={site} {...page} token={(c.req.query('token') ?? '').slice(0, 100)} />, 200, NO_STORE)
}
