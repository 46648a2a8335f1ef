import { z } from 'zod'
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

export const password = z
  .string()
  .min(PASSWORD_MIN, `Use at least ${PASSWORD_MIN} characters; a few words make a good password.`)
  .max(PASSWORD_MAX, `A password has at most ${PASSWORD_MAX} characters.`)

export const signupForm = z
  .object({ username, email, password })
  .refine(
    (f) => f.password.toLowerCase() !== f.username.toLowerCase() && f.password.toLowerCase() !== f.email.toLowerCase(),
    {
      message: 'Your password must not be your username or email address.',
      path: ['password'],
    },
  )

/** The first problem of each field, for showing beside it. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {}
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? 'form')
    errors[field] ??= issue.message
  }
  return errors
}
