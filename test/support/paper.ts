import type { Paper } from '../../src/papers/model.js'

/**
 * A paper as the store returns it, with every field empty but what the test gives: the one place
 * tests build a whole `Paper` by hand, so a field added to the model is added here once.
 */
export function aPaper(fields: Partial<Paper> & Pick<Paper, 'id'>): Paper {
  return {
    version: null,
    title: `Paper ${fields.id}`,
    abstract: '',
    publishedAt: null,
    updatedAt: null,
    categories: [],
    comments: null,
    journalRef: null,
    doi: null,
    license: null,
    githubRepo: null,
    githubStars: null,
    projectPage: null,
    aiSummary: null,
    aiKeywords: [],
    thumbnail: null,
    organization: null,
    withdrawn: false,
    upvotes: 0,
    numComments: 0,
    authors: [],
    ...fields,
  }
}
