import type { Expression, ExpressionBuilder, SqlBool } from 'kysely'

/**
 * Which rows of a leased outbox (the digest's, alerts', webhooks': columns `status`, `next_attempt_at`,
 * `lease_until`) a sender may claim at `now`: queued ones whose retry time has come, and ones being
 * sent under a lease that ran out (their sender crashed or was stopped), so a restarted sender resumes
 * where the last stopped. A claim uses it twice, to pick ids and again in its UPDATE, so that of two
 * senders that picked the same ids only the first changes them.
 */
export function claimableAt(now: string) {
  // Any outbox table: Kysely cannot type a column shared by several tables through one generic.
  // One CASE on the status rather than an OR of two `status = …` terms: SQLite answered that OR
  // from the `(status, id)` index, reading every queued and sending row to keep the few in the
  // claim's id list, so that each claim cost more the longer the queue (~0.5 ms an email at 100k);
  // a CASE leaves it nothing to search but the ids.
  return (w: ExpressionBuilder<any, any>): Expression<SqlBool> =>
    w
      .case()
      .when('status', '=', 'queued')
      .then(w.or([w('next_attempt_at', 'is', null), w('next_attempt_at', '<=', now)]))
      .when('status', '=', 'sending')
      .then(w('lease_until', '<', now))
      .else(w.lit(false))
      .end()
}

/**
 * The ids of the `n` first claimable rows of `table` (which has an index on `(status, id)`), for a
 * claim's `where('id', 'in', …)`. The two kinds of claimable rows are picked apart, each as the head
 * of its own `(status, id)` range, and merged: under one OR of the two statuses the databases read
 * and sort every queued row to find the lowest ids, which made each claim cost more as the outbox
 * grew (a run of 1M digests). `after`, a sender's cursor (the last id it claimed), starts the queued
 * rows' range there: PostgreSQL walks the primary key in id order past every row already sent (it
 * assumes the queued ones are spread evenly), so without it a claim read the whole sent part of the
 * outbox. A sender that finds nothing after its cursor looks once more from 0 (retries due lie below).
 */
export function claimableIds(table: string, n: number, now: string, after = 0) {
  return (eb: ExpressionBuilder<any, any>) => {
    const due = eb
      .selectFrom(table)
      .select('id')
      .where('status', '=', 'queued')
      .where('id', '>', after)
      .where((w) => w.or([w('next_attempt_at', 'is', null), w('next_attempt_at', '<=', now)]))
      .orderBy('id')
      .limit(n)
    const lapsed = eb
      .selectFrom(table)
      .select('id')
      .where('status', '=', 'sending')
      .where('lease_until', '<', now)
      .orderBy('id')
      .limit(n)
    // Each head in a subquery of its own: SQLite takes no ORDER BY or LIMIT in a UNION's first part.
    const heads = eb
      .selectFrom(due.as('due'))
      .select('due.id')
      .unionAll(eb.selectFrom(lapsed.as('lapsed')).select('lapsed.id'))
    return eb.selectFrom(heads.as('claimable')).select('claimable.id').orderBy('claimable.id').limit(n)
  }
}
