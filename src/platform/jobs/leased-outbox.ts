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
  return (w: ExpressionBuilder<any, any>): Expression<SqlBool> =>
    w.or([
      w.and([w('status', '=', 'queued'), w.or([w('next_attempt_at', 'is', null), w('next_attempt_at', '<=', now)])]),
      w.and([w('status', '=', 'sending'), w('lease_until', '<', now)]),
    ])
}
