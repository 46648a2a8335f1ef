import type { Context } from 'hono'
import { formFields } from '../../platform/http/form-body.js'
import { HttpError } from '../../platform/http/http-error.js'
import { currentViewer, type Viewer } from '../../platform/http/viewer.js'
import { HONEYPOT_FIELD } from '../../platform/views/form.js'

/** The longest form: a comment of 10,000 characters, percent-encoded, with room to spare. */
const MAX_FORM_BYTES = 64 * 1024

/**
 * Reads a form POST: every field as one string (repeated or file fields are refused), the
 * signed-in reader's CSRF token checked (the Origin check in platform/http/security.ts comes
 * first; this is the second, independent defence), and the honeypot empty.
 */
export async function readForm(c: Context): Promise<Record<string, string>> {
  const body = await formFields(c, MAX_FORM_BYTES).catch((error: unknown) => {
    if (error instanceof HttpError) throw error
    throw new HttpError(400, 'The form could not be read. Reload the page and send it again.')
  })
  const form: Record<string, string> = {}
  for (const [name, value] of Object.entries(body)) {
    if (typeof value !== 'string') throw new HttpError(400, `The form field “${name.slice(0, 40)}” must be text.`)
    form[name] = value
  }
  const viewer = currentViewer()
  if (viewer && form._csrf !== viewer.csrfToken) {
    throw new HttpError(
      403,
      'This form has expired (it was opened before you last logged in or out). Reload the page and try again.',
    )
  }
  if (form[HONEYPOT_FIELD])
    throw new HttpError(400, 'The form could not be sent. If you are a person, reload the page and try again.')
  return form
}

/** Where to go back to after logging in: a path on this site only, never another host. */
export function safeNext(next: string | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\') || next.length > 500) return '/'
  return /[\u0000-\u001f]/.test(next) ? '/' : next
}

/** The log-in page that comes back to `back` afterwards. */
export const loginPath = (back: string) => `/login?next=${encodeURIComponent(safeNext(back))}`

/**
 * The signed-in reader, or a redirect to log in and come back: what every community action starts
 * with. With `verified`, a reader who has not confirmed their address is told to first.
 */
export function signedIn(c: Context, back: string, opts: { verified?: boolean } = {}): Viewer | Response {
  const viewer = currentViewer()
  if (!viewer) return c.redirect(loginPath(back), 303)
  if (opts.verified && !viewer.emailVerified) {
    throw new HttpError(
      403,
      'Confirm your email address first: open the link we sent you, or ask for a new one on your settings page.',
    )
  }
  return viewer
}
