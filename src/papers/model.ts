/** The catalog's domain values, as the pages, the API and the importers see them. */

export interface Organization {
  name: string
  fullname?: string
  avatar?: string
  _id?: string
}

/** Who put a paper on a day's list (a Hugging Face user for imported days). */
export interface Submitter {
  name: string
  fullname?: string
  avatarUrl?: string
  _id?: string
  type?: string
  isPro?: boolean
}

export interface Author {
  name: string
  hidden: boolean
}

export interface Paper {
  id: string
  version: number | null
  title: string
  abstract: string
  publishedAt: string | null
  updatedAt: string | null
  categories: string[]
  comments: string | null
  journalRef: string | null
  doi: string | null
  license: string | null
  githubRepo: string | null
  githubStars: number | null
  projectPage: string | null
  aiSummary: string | null
  aiKeywords: string[]
  thumbnail: string | null
  organization: Organization | null
  withdrawn: boolean
  upvotes: number
  numComments: number
  authors: Author[]
}

/**
 * What a search result shows of a paper (`/api/v1/search`) and the texts it highlights, read alone
 * where a search is answered (search/engines/sqlite-shown.ts). Its authors are the shown ones.
 */
export type PaperSummary = Pick<
  Paper,
  'id' | 'title' | 'abstract' | 'authors' | 'publishedAt' | 'upvotes' | 'githubRepo' | 'categories'
>

export interface Featuring {
  featuredOn: string
  source: FeatureSource
  position: number
  submittedBy: Submitter | null
  submittedAt: string
}

export type FeatureSource = 'hf' | 'community' | 'arxiv' | 'demo'

export interface FeaturedPaper {
  paper: Paper
  featuring: Featuring
}

/**
 * What a source knows about a paper. An absent field means "not known here" and leaves the stored
 * value alone, so a Hugging Face import never erases categories an arXiv ingest wrote.
 */
export interface PaperRecord {
  id: string
  title: string
  abstract?: string
  version?: number
  publishedAt?: string
  updatedAt?: string
  categories?: string[]
  comments?: string
  journalRef?: string
  doi?: string
  license?: string
  githubRepo?: string
  projectPage?: string
  aiSummary?: string
  aiKeywords?: string[]
  thumbnail?: string
  organization?: Organization
  withdrawn?: boolean
  authors?: string[]
  /** arXiv versions as the source lists them; kept in `paper_versions`, never removed. */
  versions?: PaperVersion[]
  counts?: { upvotes: number; numComments: number; githubStars?: number }
  /**
   * When the source saw the paper this way. A record older than what is stored only fills gaps:
   * it never overwrites a value or a counter that a newer observation wrote.
   */
  observedAt?: string
  featuring?: Featuring
}

export interface PaperVersion {
  version: number
  createdAt: string | null
  title?: string
}

export interface UpsertResult {
  added: number
  updated: number
  unchanged: number
  /** Records that were not stored, and why; every other record of the batch landed. */
  problems: RecordProblem[]
}

export interface RecordProblem {
  id: string
  reason: string
}

/** Drops keys whose value is undefined, so a record's "not known here" stays absent downstream. */
export function withoutUndefined<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k]
  return o
}
