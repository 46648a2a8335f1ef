import { z } from 'zod'

/** What a subscriber chooses on the preferences page. */
export interface Preferences {
  frequency: 'daily' | 'weekly'
  /** Daily digests on weekends too (by default weekdays only, like Hugging Face's). */
  everyDay: boolean
  /** arXiv categories; empty: every paper. */
  categories: string[]
  /** Words a paper's title or abstract must hold (any of them); empty: no word filter. */
  keywords: string[]
  maxPapers: number
  paused: boolean
}

export const MIN_PAPERS = 5
export const MAX_PAPERS = 50
const MAX_TOPICS = 20

const list = (max: number, item: RegExp, message: string) =>
  z
    .string()
    .max(1000, 'That list is too long.')
    .transform((s) => [...new Set(s.split(/[\s,]+/).filter(Boolean))])
    .refine((xs) => xs.length <= max, `Give at most ${max}.`)
    .refine((xs) => xs.every((x) => item.test(x)), message)

/** The preferences form, every field checked, with a message a reader understands. */
export const preferencesForm = z.object({
  frequency: z.enum(['daily', 'weekly'], { message: 'Choose daily or weekly.' }),
  every_day: z.enum(['on']).optional(),
  categories: list(
    MAX_TOPICS,
    /^[a-z]+(?:-[a-z]+)*(?:\.[A-Za-z]+(?:-[A-Za-z]+)*)?$/,
    'Categories are arXiv ones like cs.LG or hep-th.',
  ).default([]),
  keywords: list(
    MAX_TOPICS,
    /^[\p{L}\p{N}][\p{L}\p{N}'-]{0,39}$/u,
    'Keywords are words of letters and digits.',
  ).default([]),
  max_papers: z.coerce
    .number({ message: `Choose between ${MIN_PAPERS} and ${MAX_PAPERS} papers.` })
    .int(`Choose between ${MIN_PAPERS} and ${MAX_PAPERS} papers.`)
    .min(MIN_PAPERS, `Choose between ${MIN_PAPERS} and ${MAX_PAPERS} papers.`)
    .max(MAX_PAPERS, `Choose between ${MIN_PAPERS} and ${MAX_PAPERS} papers.`),
  paused: z.enum(['on']).optional(),
})

/** The first problem of each field, by field name, for the form to show beside it. */
export function preferenceErrors(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {}
  for (const issue of error.issues) errors[String(issue.path[0])] ??= issue.message
  return errors
}

export function fromForm(f: z.infer<typeof preferencesForm>): Preferences {
  return {
    frequency: f.frequency,
    everyDay: f.every_day === 'on',
    categories: f.categories,
    keywords: f.keywords.map((k) => k.toLowerCase()),
    maxPapers: f.max_papers,
    paused: f.paused === 'on',
  }
}
