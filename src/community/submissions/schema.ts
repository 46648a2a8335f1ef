import type { Generated } from 'kysely'

/** A paper a member put on the daily list; one row per paper (the first submitter's). */
export interface SubmissionsTable {
  id: Generated<number>
  paper_id: string
  user_id: number
  submitted_at: string
}

export type SubmissionTables = { submissions: SubmissionsTable }
