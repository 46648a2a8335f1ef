import type { CollectionTables } from '../community/collections/schema.js'
import type { CommentTables } from '../community/comments/schema.js'
import type { ProfileTables } from '../community/profiles/schema.js'
import type { AccountTables } from '../community/schema.js'
import type { SubmissionTables } from '../community/submissions/schema.js'
import type { VoteTables } from '../community/votes/schema.js'
import type { DigestTables } from '../digest/schema.js'
import { newSubscriptionRow } from '../digest/store.js'
import type { FollowTables } from '../follows/schema.js'
import type { Db } from '../platform/db/connect.js'
import type { AccountFile, ExportedFollow } from './format.js'

/**
 * The export reads every table a member's data lives in, in one place, rather than through a page's
 * worth of each feature's paged queries: it wants all of it, in a stable order, at once
 * (docs/decisions/0029). Writes go through the owning features (votes, collections, digest) except
 * the two they do not offer yet, at the bottom.
 */
type Tables = AccountTables &
  ProfileTables &
  FollowTables &
  VoteTables &
  CommentTables &
  CollectionTables &
  SubmissionTables &
  DigestTables
const tables = (db: Db) => db.kysely.withTables<Tables>()

const emailKey = (email: string) => email.trim().toLowerCase()
const words = (s: string) => s.split(' ').filter(Boolean)

/** Everything `userId` made, in the file's shape; null for an account that does not exist. */
export async function readAccountData(db: Db, userId: number): Promise<Omit<AccountFile, 'exported_at'> | null> {
  const t = tables(db)
  const user = await t
    .selectFrom('users')
    .select(['username', 'display_name', 'email', 'created_at'])
    .where('id', '=', userId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst()
  if (!user) return null
  const [profile, follows, votes, comments, collections, items, submissions, subscriptions] = await Promise.all([
    t.selectFrom('profile_settings').select('upvotes_public').where('user_id', '=', userId).executeTakeFirst(),
    t.selectFrom('follows').selectAll().where('user_id', '=', userId).orderBy('kind').orderBy('target').execute(),
    t
      .selectFrom('votes')
      .select(['paper_id', 'created_at'])
      .where('user_id', '=', userId)
      .orderBy('paper_id')
      .execute(),
    t.selectFrom('comments').selectAll().where('user_id', '=', userId).orderBy('id').execute(),
    t.selectFrom('collections').selectAll().where('user_id', '=', userId).orderBy('name').orderBy('id').execute(),
    t
      .selectFrom('collection_items as i')
      .innerJoin('collections as c', 'c.id', 'i.collection_id')
      .select(['i.collection_id', 'i.paper_id', 'i.added_at'])
      .where('c.user_id', '=', userId)
      .orderBy('i.added_at', 'desc')
      .orderBy('i.paper_id')
      .execute(),
    t
      .selectFrom('submissions')
      .select(['paper_id', 'submitted_at'])
      .where('user_id', '=', userId)
      .orderBy('submitted_at')
      .orderBy('paper_id')
      .execute(),
    // A member's digest is the subscription of their address, or one a later feature linked by id.
    t
      .selectFrom('subscriptions')
      .selectAll()
      .where((eb) => eb.or([eb('user_id', '=', userId), eb('email_key', '=', emailKey(user.email))]))
      .orderBy('id')
      .execute(),
  ])
  return {
    format: 'paperboy.account',
    version: 1,
    account: user,
    profile: { upvotes_public: profile?.upvotes_public === 1 },
    follows: follows.map((f): ExportedFollow => ({
      kind: f.kind,
      target: f.target,
      qualifiers: parseQualifiers(f.qualifiers),
      label: f.label,
      alert: f.alert,
      alert_email: f.alert_email === 1,
      created_at: f.created_at,
    })),
    votes: votes.map((v) => ({ paper_id: v.paper_id, voted_at: v.created_at })),
    comments: comments.map((c) => ({
      id: c.id,
      paper_id: c.paper_id,
      parent_id: c.parent_id,
      body: c.body,
      created_at: c.created_at,
      edited_at: c.edited_at,
      deleted: c.deleted_at !== null,
    })),
    collections: collections.map((c) => ({
      name: c.name,
      description: c.description,
      public: c.is_public === 1,
      created_at: c.created_at,
      items: items.filter((i) => i.collection_id === c.id).map((i) => ({ paper_id: i.paper_id, added_at: i.added_at })),
    })),
    submissions,
    subscriptions: subscriptions.map((s) => ({
      email: s.email,
      frequency: s.frequency,
      every_day: s.every_day === 1,
      categories: words(s.categories),
      keywords: words(s.keywords),
      max_papers: s.max_papers,
      paused: s.paused === 1,
      status: s.status,
    })),
  }
}

/** The stored JSON list of an author follow's qualifiers; anything else reads as none. */
function parseQualifiers(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json)
    return Array.isArray(value) ? value.filter((q): q is string => typeof q === 'string') : []
  } catch {
    return []
  }
}

/**
 * Adds a follow, or updates the one of the same kind and target (the pair is unique per member):
 * importing a file twice leaves one follow. Returns whether it was new.
 */
export async function upsertFollow(
  db: Db,
  userId: number,
  f: Omit<ExportedFollow, 'created_at'>,
  now: string,
): Promise<boolean> {
  const fields = {
    label: f.label,
    qualifiers: JSON.stringify(f.qualifiers),
    alert: f.alert,
    alert_email: f.alert_email ? 1 : 0,
    updated_at: now,
  }
  const existing = await tables(db)
    .selectFrom('follows')
    .select('id')
    .where('user_id', '=', userId)
    .where('kind', '=', f.kind)
    .where('target', '=', f.target)
    .executeTakeFirst()
  if (existing) {
    await tables(db).updateTable('follows').set(fields).where('id', '=', existing.id).execute()
    return false
  }
  await tables(db)
    .insertInto('follows')
    .values({ ...fields, user_id: userId, kind: f.kind, target: f.target, created_at: now })
    .onConflict((oc) => oc.columns(['user_id', 'kind', 'target']).doUpdateSet(fields))
    .execute()
  return true
}

/**
 * The digest subscription of a member's own (confirmed) address, made active: the account proved
 * the address, so no second opt-in is asked. An address that bounced stays off. Returns its id, or
 * null when it bounced.
 */
export async function activateAccountSubscription(
  db: Db,
  userId: number,
  email: string,
  now: string,
): Promise<number | null> {
  const t = tables(db)
  const existing = await t
    .selectFrom('subscriptions')
    .select(['id', 'status'])
    .where('email_key', '=', emailKey(email))
    .executeTakeFirst()
  if (existing?.status === 'bounced') return null
  if (existing) {
    await t
      .updateTable('subscriptions')
      .set({ status: 'active', user_id: userId, confirm_hash: null, ended_at: null, updated_at: now })
      .where('id', '=', existing.id)
      .execute()
    return existing.id
  }
  const row = await t
    .insertInto('subscriptions')
    .values(newSubscriptionRow(email, now, { user_id: userId }))
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}
