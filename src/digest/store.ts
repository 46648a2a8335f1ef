import type { ExpressionBuilder, Insertable } from 'kysely'
import type { AccountTables } from '../community/schema.js'
import type { Db } from '../platform/db/connect.js'
import type { Preferences } from './preferences.js'
import type { DigestTables, SubscriptionStatus, SubscriptionsTable } from './schema.js'

const tables = (db: Db) => db.kysely.withTables<DigestTables>()

export interface Subscription extends Preferences {
  id: number
  email: string
  status: SubscriptionStatus
  /** The member account it belongs to: their "for you" papers, their settings page. */
  userId: number | null
}

const emailKey = (email: string) => email.trim().toLowerCase()

/**
 * A new address's whole row: active and confirmed now, with the default preferences (daily on
 * weekdays, every topic, 10 papers); `set` changes any of it (a pending address, a member's id).
 */
export function newSubscriptionRow(
  email: string,
  now: string,
  set: Partial<Insertable<SubscriptionsTable>> = {},
): Insertable<SubscriptionsTable> {
  return {
    email: email.trim(),
    email_key: emailKey(email),
    status: 'active',
    user_id: null,
    frequency: 'daily',
    every_day: 0,
    categories: '',
    keywords: '',
    max_papers: 10,
    paused: 0,
    confirm_hash: null,
    confirm_expires_at: null,
    bounces: 0,
    created_at: now,
    confirmed_at: now,
    ended_at: null,
    updated_at: now,
    ...set,
  }
}

/**
 * What asking to subscribe did: a new address or one that had left gets a fresh confirmation link
 * (`confirm`); one still waiting gets its link again; an active one is told it is subscribed
 * (`active`). The page answers all alike, so it tells nobody whether an address is on the list.
 */
export type SubscribeOutcome = { kind: 'confirm'; id: number } | { kind: 'active'; id: number }

export async function requestSubscription(
  db: Db,
  email: string,
  confirm: { hash: string; expiresAt: string },
  now: string,
): Promise<SubscribeOutcome> {
  return tables(db)
    .transaction()
    .execute(async (trx) => {
      const existing = await trx
        .selectFrom('subscriptions')
        .select(['id', 'status'])
        .where('email_key', '=', emailKey(email))
        .executeTakeFirst()
      if (existing?.status === 'active') return { kind: 'active', id: existing.id }
      const fresh = { confirm_hash: confirm.hash, confirm_expires_at: confirm.expiresAt, updated_at: now }
      if (existing) {
        await trx
          .updateTable('subscriptions')
          .set({ ...fresh, status: 'pending', email: email.trim() })
          .where('id', '=', existing.id)
          .execute()
        return { kind: 'confirm', id: existing.id }
      }
      const row = await trx
        .insertInto('subscriptions')
        .values(newSubscriptionRow(email, now, { ...fresh, status: 'pending', confirmed_at: null }))
        .returning('id')
        .executeTakeFirstOrThrow()
      return { kind: 'confirm', id: row.id }
    })
}

/** Confirms the subscription a link names, once, while the link is fresh; its id, or null. */
export async function confirmSubscription(db: Db, hash: string, now: string): Promise<number | null> {
  const row = await tables(db)
    .updateTable('subscriptions')
    .set({
      status: 'active',
      confirmed_at: now,
      confirm_hash: null,
      confirm_expires_at: null,
      bounces: 0,
      ended_at: null,
      updated_at: now,
    })
    .where('confirm_hash', '=', hash)
    .where('status', '=', 'pending')
    .where('confirm_expires_at', '>', now)
    .returning('id')
    .executeTakeFirst()
  return row?.id ?? null
}

export async function getSubscription(db: Db, id: number): Promise<Subscription | null> {
  return (await getSubscriptions(db, [id])).get(id) ?? null
}

/** Several subscriptions by id at once (the sender reads each window of its queue in one query). */
export async function getSubscriptions(db: Db, ids: number[]): Promise<Map<number, Subscription>> {
  const out = new Map<number, Subscription>()
  if (ids.length === 0) return out
  const rows = await tables(db).selectFrom('subscriptions').selectAll().where('id', 'in', ids).execute()
  const split = (s: string) => s.split(' ').filter(Boolean)
  for (const r of rows) {
    out.set(r.id, {
      id: r.id,
      email: r.email,
      status: r.status,
      userId: r.user_id,
      frequency: r.frequency,
      everyDay: r.every_day === 1,
      categories: split(r.categories),
      keywords: split(r.keywords),
      maxPapers: r.max_papers,
      paused: r.paused === 1,
    })
  }
  return out
}

export async function savePreferences(db: Db, id: number, p: Preferences, now: string): Promise<void> {
  await tables(db)
    .updateTable('subscriptions')
    .set({
      frequency: p.frequency,
      every_day: p.everyDay ? 1 : 0,
      categories: p.categories.join(' '),
      keywords: p.keywords.join(' '),
      max_papers: p.maxPapers,
      paused: p.paused ? 1 : 0,
      updated_at: now,
    })
    .where('id', '=', id)
    .execute()
}

/** Ends a subscription at once; true when it was active or waiting (a second click changes nothing). */
export async function unsubscribe(db: Db, id: number, now: string): Promise<boolean> {
  const r = await tables(db)
    .updateTable('subscriptions')
    .set({ status: 'unsubscribed', ended_at: now, confirm_hash: null, updated_at: now })
    .where('id', '=', id)
    .where('status', 'in', ['active', 'pending'])
    .executeTakeFirst()
  return Number(r.numUpdatedRows) > 0
}

/**
 * A mail provider's notice about an address: a hard bounce marks its subscription bounced, a
 * complaint (the reader pressed "spam") unsubscribes it. Returns whether a live subscription changed.
 */
export async function noteDeliveryProblem(
  db: Db,
  email: string,
  kind: 'bounce' | 'complaint',
  now: string,
): Promise<boolean> {
  const r = await tables(db)
    .updateTable('subscriptions')
    .set((eb) => ({
      status: kind === 'bounce' ? 'bounced' : 'unsubscribed',
      bounces: kind === 'bounce' ? eb('bounces', '+', 1) : eb.ref('bounces'),
      ended_at: now,
      updated_at: now,
    }))
    .where('email_key', '=', emailKey(email))
    .where('status', 'in', ['active', 'pending'])
    .executeTakeFirst()
  return Number(r.numUpdatedRows) > 0
}

/**
 * Links live subscriptions to the member account whose confirmed address they go to, in one
 * statement per run: a member who subscribed from the header form, or confirmed their address
 * after subscribing, gets their "for you" papers too. The link is derived from the accounts'
 * addresses as the search index is from the catalog, so it reads `users` directly.
 */
export async function linkSubscriptionsToAccounts(db: Db, now: string): Promise<number> {
  const account = (eb: ExpressionBuilder<DigestTables & Pick<AccountTables, 'users'>, 'subscriptions'>) =>
    eb
      .selectFrom('users')
      .select('users.id')
      .whereRef('users.email_key', '=', 'subscriptions.email_key')
      .where('users.email_verified_at', 'is not', null)
      .where('users.deleted_at', 'is', null)
  const r = await db.kysely
    .withTables<DigestTables & Pick<AccountTables, 'users'>>()
    .updateTable('subscriptions')
    .set((eb) => ({ user_id: account(eb), updated_at: now }))
    .where('user_id', 'is', null)
    .where('status', '=', 'active')
    .where((eb) => eb.exists(account(eb)))
    .executeTakeFirst()
  return Number(r.numUpdatedRows)
}

/**
 * A member's subscription for their settings page: the one linked to their account, else the one
 * to their confirmed address (linked by `linkToAccount` when they change it); a live one first. `email` is null while
 * the account's address is unconfirmed: an address nobody proved is no key to anyone's subscription.
 */
export async function accountSubscription(db: Db, userId: number, email: string | null): Promise<Subscription | null> {
  const row = await tables(db)
    .selectFrom('subscriptions')
    .select('id')
    .where((eb) =>
      email === null
        ? eb('user_id', '=', userId)
        : eb.or([
            eb('user_id', '=', userId),
            eb.and([eb('email_key', '=', emailKey(email)), eb('user_id', 'is', null)]),
          ]),
    )
    .orderBy((eb) => eb.case().when('status', '=', 'active').then(0).else(1).end())
    .orderBy('updated_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst()
  return row ? getSubscription(db, row.id) : null
}

/** Links a subscription to the member who manages it from their settings. */
export async function linkToAccount(db: Db, id: number, userId: number): Promise<void> {
  await tables(db).updateTable('subscriptions').set({ user_id: userId }).where('id', '=', id).execute()
}

/**
 * Subscribes a member's confirmed address in one step, with no double opt-in: the account already
 * proved the address (docs/decisions/0030-digest-for-you-and-account-subscriptions.md). An address
 * that had left, bounced or was waiting for its link becomes active again, linked to the account.
 */
export async function subscribeAccount(db: Db, userId: number, email: string, now: string): Promise<number> {
  const active = {
    status: 'active' as const,
    user_id: userId,
    confirm_hash: null,
    confirm_expires_at: null,
    confirmed_at: now,
    bounces: 0,
    ended_at: null,
    updated_at: now,
  }
  const row = await tables(db)
    .insertInto('subscriptions')
    .values(newSubscriptionRow(email, now, active))
    .onConflict((oc) => oc.column('email_key').doUpdateSet(active))
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}
