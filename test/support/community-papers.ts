import type { PaperRecord } from '../../src/papers/model.js'

/** A small featured paper for community tests: one line per field a page or the API shows. */
export function featuredRecord(
  id: string,
  title: string,
  day: string,
  opts: { authors?: string[]; upvotes?: number; source?: 'hf' | 'community'; submitter?: string } = {},
): PaperRecord {
  return {
    id,
    title,
    abstract: `We study ${title.toLowerCase()} and report what we found.`,
    publishedAt: `${day}T00:00:00.000Z`,
    categories: ['cs.LG'],
    authors: opts.authors ?? ['Ada Lovelace', 'Alan Turing', 'Grace Hopper'],
    counts: { upvotes: opts.upvotes ?? 1, numComments: 0 },
    featuring: {
      featuredOn: day,
      source: opts.source ?? 'hf',
      position: 0,
      submittedBy: opts.submitter ? { name: opts.submitter } : null,
      submittedAt: `${day}T06:00:00.000Z`,
    },
  }
}
