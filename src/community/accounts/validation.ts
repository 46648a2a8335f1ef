import { z } from 'zod'
import { isCommonPassword } from './common-passwords.js'
import { PASSWORD_MAX, PASSWORD_MIN } from './passwords.js'

/** Names that would read as the site speaking, or collide with its addresses. */
const RESERVED = new Set([
  'admin',
  'administrator',
  'api',
  'login',
  'logout',
  'signup',
  'settings',
  'account',
  'paperboy',
  'root',
  'support',
  'moderator',
  'system',
  'deleted',
  'anonymous',
])

export const username = z
  .string()
  .trim()
  .min(2, 'Choose a username of at least 2 characters.')
  .max(30, 'A username has at most 30 characters.')
  .regex(/^[A-Za-z][A-Za-z0-9_-]*$/, 'A username starts with a letter and has only letters, digits, - and _.')
  .refine((u) => !RESERVED.has(u.toLowerCase()), 'That username is reserved; choose another.')

export const email = z
  .string()
  .trim()
  .max(254, 'An email address has at most 254 characters.')
  .pipe(z.email({ message: 'Enter an email address like you@lab.org.' }))

/** A new password (sign-up, reset, change): long enough, not absurdly long, not a common one. */
export const password = z
  .string()
  .min(PASSWORD_MIN, `Use at least ${PASSWORD_MIN} characters; a few words make a good password.`)
  .max(PASSWORD_MAX, `A password has at most ${PASSWORD_MAX} characters.`)
  .refine(
    (p) => !isCommonPassword(p),
    'That password is one of the most common ones, which attackers try first. Choose another; a few unrelated words work well.',
  )

/** Whether a new password merely repeats the account's own name or address, the first thing a guesser tries. */
export function repeatsIdentity(newPassword: string, who: { username: string; email: string }): boolean {
  const p = newPassword.trim().toLowerCase()
  const email = who.email.trim().toLowerCase()
  return p === who.username.toLowerCase() || p === email || p === email.split('@')[0]
}

export const IDENTITY_PASSWORD_MESSAGE = 'Your password must not be your username or email address.'

/** A new password for an existing account (reset, change): the same rules as at sign-up. */
export function newPasswordProblem(newPassword: string, who: { username: string; email: string }): string | null {
  const parsed = password.safeParse(newPassword)
  if (!parsed.success) return parsed.error.issues[0]!.message
  return repeatsIdentity(newPassword, who) ? IDENTITY_PASSWORD_MESSAGE : null
}

export const signupForm = z
  .object({ username, email, password })
  .refine((f) => !repeatsIdentity(f.password, f), { message: IDENTITY_PASSWORD_MESSAGE, path: ['password'] })

/** The first problem of each field, for showing beside it. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {}
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? 'form')
    errors[field] ??= issue.message
  }
  return errors
}
