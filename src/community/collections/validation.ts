import { z } from 'zod'

export const NAME_MAX = 100
export const DESCRIPTION_MAX = 2000
/** Control characters (NUL among them, which PostgreSQL refuses) have no place in a name or description. */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/

export const collectionName = z
  .string()
  .trim()
  .min(1, 'Give the collection a name.')
  .max(NAME_MAX, `A name has at most ${NAME_MAX} characters.`)
  .refine((s) => !CONTROL.test(s) && !/[\r\n\t]/.test(s), 'A name is one line of text.')

export const collectionDescription = z
  .string()
  .trim()
  .max(DESCRIPTION_MAX, `A description has at most ${DESCRIPTION_MAX.toLocaleString('en-US')} characters.`)
  .refine((s) => !CONTROL.test(s), 'The description has characters that are not text.')

/** The create and edit forms: the visibility is a radio group of `public` and `private`. */
export const collectionForm = z.object({
  name: collectionName,
  description: collectionDescription.default(''),
  visibility: z.enum(['public', 'private'], { message: 'Choose public or private.' }).default('private'),
})

export type CollectionFields = { name: string; description: string; isPublic: boolean }

/** The first problem of each field, for the form to show beside it. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {}
  for (const issue of error.issues) errors[String(issue.path[0] ?? 'form')] ??= issue.message
  return errors
}
