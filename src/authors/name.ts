import { badRequest } from '../platform/http/http-error.js'

/** Longer than any printed name (arXiv's longest run to about 80 characters). */
export const MAX_NAME_LENGTH = 200
// Control characters and lone surrogates are no part of a name, and PostgreSQL refuses NUL.
export const NOT_TEXT = /[\u0000-\u001f\u007f]|\p{Cs}/u

/** An author's name as an address or a form gives it: whitespace collapsed, at most MAX_NAME_LENGTH, text only. */
export function authorName(raw: string): string {
  if (NOT_TEXT.test(raw)) throw badRequest('An author’s name cannot hold control characters.')
  const name = raw.replace(/\s+/g, ' ').trim()
  if (name === '') throw badRequest('Give an author’s name.')
  if (name.length > MAX_NAME_LENGTH) throw badRequest(`An author’s name is at most ${MAX_NAME_LENGTH} characters.`)
  return name
}
