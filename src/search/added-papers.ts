import type { PaperValues } from '../papers/merge.js'

/** A paper's row as a batch wrote it, or as read back: what its index row is made of. */
export type WrittenPaper = Pick<
  PaperValues,
  'id' | 'title' | 'abstract' | 'published_at' | 'categories' | 'github_repo' | 'hidden_at'
>

/**
 * Papers new to the catalog as their batch wrote them, and the authors it wrote for them: both
 * engines build these papers' index rows from them instead of reading them back.
 */
export interface AddedPapers {
  rows: readonly WrittenPaper[]
  authors: ReadonlyMap<string, readonly string[]>
}
