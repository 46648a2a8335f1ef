import type { Context } from 'hono'
import { carriesCsrfToken } from '../../platform/http/csrf-mask.js'
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
  const { fields, files } = await readFields(c, MAX_FORM_BYTES)
  const file = Object.keys(files)[0]
  if (file !== undefined) throw new HttpError(400, `The form field “${file.slice(0, 40)}” must be text.`)
  return fields
}

/**
 * Reads a form POST that uploads files (multipart): its text fields checked as readForm checks
 * them, and its files, each at most `maxFileBytes` (a 413 that says the limit otherwise). The
 * request body itself is bounded before this, by the app's body limit for the path.
 */
export async function readUploadForm(
  c: Context,
  maxFileBytes: number,
): Promise<{ fields: Record<string, string>; files: Record<string, File> }> {
  const { fields, files } = await readFields(c, maxFileBytes)
  for (const file of Object.values(files)) {
    if (file.size > maxFileBytes) {
      throw new HttpError(
        413,
        `The file is larger than ${Math.round(maxFileBytes / 1_000_000)} MB; send a smaller one.`,
      )
    }
  }
  return { fields, files }
}

async function readFields(
  c: Context,
  maxBytes: number,
): Promise<{ fields: Record<string, string>; files: Record<string, File> }> {
  const body = await formFields(c, maxBytes).catch((error: unknown) => {
    if (error instanceof HttpError) throw error
    throw new HttpError(400, 'The form could not be read. Reload the page and send it again.')
  })
  const fields: Record<string, string> = {}
  const files: Record<string, File> = {}
  for (const [name, value] of Object.entries(body)) {
    if (typeof value === 'string') fields[name] = value
    else files[name] = value
  }
  const viewer = currentViewer()
  if (viewer && !carriesCsrfToken(fields._csrf, viewer.csrfToken)) {
    throw new HttpError(
      403,
      'This form has expired (it was opened before you last logged in or out). Reload the page and try again.',
    )
  }
  if (fields[HONEYPOT_FIELD])
    throw new HttpError(400, 'The form could not be sent. If you are a person, reload the page and try again.')
  return { fields, files }
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
