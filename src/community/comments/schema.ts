import type { Generated } from 'kysely'

/** A comment on a paper; `parent_id` is the comment it answers (null: a new thread). */
export interface CommentsTable {
  id: Generated<number>
  paper_id: string
  user_id: number
  parent_id: number | null
  /** The Markdown source as written; emptied when its author deletes it. */
  body: string
  created_at: string
  edited_at: string | null
  deleted_at: string | null
  /** Set by a moderator: shown as "[hidden by a moderator]" to everyone but admins. */
  hidden_at: string | null
}

export type CommentTables = { comments: CommentsTable }
