import { z } from 'zod'
import { CONTROL_CHARACTER, LONE_SURROGATE } from './characters.js'
import { MAX_COMMENT_LENGTH } from './markdown.js'

/**
 * A comment's text as sent: line ends made `\n`, outer blank space trimmed, then refused when it is
 * empty, longer than MAX_COMMENT_LENGTH, or holds what no one types (control characters, halves of
 * a UTF-16 pair). Each refusal says what to change.
 */
export const commentBody = z
  .string({ message: 'Write a comment.' })
  .transform((s) => s.replace(/\r\n?/g, '\n').trim())
  .pipe(
    z
      .string()
      .min(1, 'Write a comment: it is empty.')
      .max(MAX_COMMENT_LENGTH, `A comment can be at most ${MAX_COMMENT_LENGTH.toLocaleString('en')} characters long.`)
      .refine((s) => !CONTROL_CHARACTER.test(s), 'The comment contains control characters (such as NUL); remove them.')
      .refine((s) => !LONE_SURROGATE.test(s), 'The comment contains a broken character (half a UTF-16 pair).'),
  )

/** Largest id either database stores in an integer column (PostgreSQL's int4). */
export const MAX_ID = 2_147_483_647

/** A comment id as written in a path or a field: digits, within what the databases hold; else null. */
export function parseCommentId(raw: string | undefined): number | null {
  if (!raw || !/^[1-9][0-9]{0,9}$/.test(raw)) return null
  const id = Number(raw)
  return id <= MAX_ID ? id : null
}
