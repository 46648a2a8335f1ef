import type { Paper, PaperRecord } from '../papers/model.js'

/**
 * What `found` (arXiv's record of the paper) adds to `stored` without changing anything the
 * catalog already shows: only empty fields are filled, so a Hugging Face title or abstract stays
 * as it is. The title is repeated because a record must carry one; it is the stored title.
 */
export function fillGaps(stored: Paper, found: PaperRecord): PaperRecord {
  const record: PaperRecord = { id: stored.id, title: stored.title }
  if (stored.authors.length === 0 && found.authors?.length) record.authors = found.authors
  if (stored.categories.length === 0 && found.categories?.length) record.categories = found.categories
  if (!stored.abstract && found.abstract) record.abstract = found.abstract
  if (stored.publishedAt === null && found.publishedAt) record.publishedAt = found.publishedAt
  if (stored.updatedAt === null && found.updatedAt) record.updatedAt = found.updatedAt
  if (stored.version === null && found.version) record.version = found.version
  if (stored.comments === null && found.comments) record.comments = found.comments
  if (stored.journalRef === null && found.journalRef) record.journalRef = found.journalRef
  if (stored.doi === null && found.doi) record.doi = found.doi
  if (stored.license === null && found.license) record.license = found.license
  if (found.versions) record.versions = found.versions
  return record
}
