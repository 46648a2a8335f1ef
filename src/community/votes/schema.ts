/** A reader's upvote of a paper; the pair is the primary key, so each reader has one vote a paper. */
export interface VotesTable {
  user_id: number
  paper_id: string
  created_at: string
}

// A type, not an interface: withTables<T>() needs T to be a record of tables.
export type VoteTables = {
  votes: VotesTable
}
