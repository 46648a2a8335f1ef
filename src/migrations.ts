import type { MigrationResultSet } from 'kysely'
import * as accounts from './community/migrations/2026-12-03-03-accounts.js'
import * as submissionsAndCollections from './community/migrations/2026-12-03-07-submissions-and-collections.js'
import * as subscriptions from './digest/migrations/2026-12-03-10-subscriptions.js'
import * as digestOutbox from './digest/migrations/2026-12-03-11-digest-outbox.js'
import * as follows from './follows/migrations/2026-12-03-12-follows.js'
import * as webhooks from './webhooks/migrations/2026-12-03-15-webhooks.js'
import * as webhookDeliveriesClaim from './webhooks/migrations/2026-12-03-19-webhook-deliveries-claim.js'
import * as categoryDays from './categories/migrations/2026-12-03-18-category-days.js'
import * as followsLookups from './follows/migrations/2026-12-03-13-follows-lookups.js'
import * as accountSecurity from './community/migrations/2026-12-03-04-account-security.js'
import * as comments from './community/migrations/2026-12-03-06-comments.js'
import * as moderationAndClaims from './community/migrations/2026-12-03-08-moderation-and-claims.js'
import * as votes from './community/migrations/2026-12-03-05-votes.js'
import * as ingestRunsAndCursors from './ingest/migrations/2026-12-02-01-ingest-runs-and-cursors.js'
import type { Db } from './platform/db/connect.js'
import { applyMigrations, pendingMigrations, PLATFORM_MIGRATIONS } from './platform/db/migrate.js'
import * as previews from './previews/migrations/2026-12-02-02-previews.js'
import * as searchIndex from './search/migrations/2026-12-03-01-search-index.js'
import * as searchRebuildDue from './search/migrations/2026-12-03-04-search-rebuild-due.js'
import * as vectors from './search/migrations/2026-12-03-02-vectors.js'
import * as alertOutbox from './alerts/migrations/2026-12-03-14-alert-outbox.js'
import * as followingFeeds from './follows/migrations/2026-12-03-16-following-feeds.js'

/** Every migration: the platform's, then each feature's own tables (append-only, dated names). */
const MIGRATIONS = {
  ...PLATFORM_MIGRATIONS,
  '2026-12-02-01-ingest-runs-and-cursors': ingestRunsAndCursors,
  '2026-12-02-02-previews': previews,
  '2026-12-03-01-search-index': searchIndex,
  '2026-12-03-02-vectors': vectors,
  '2026-12-03-03-accounts': accounts,
  '2026-12-03-07-submissions-and-collections': submissionsAndCollections,
  '2026-12-03-10-subscriptions': subscriptions,
  '2026-12-03-11-digest-outbox': digestOutbox,
  '2026-12-03-12-follows': follows,
  '2026-12-03-04-account-security': accountSecurity,
  '2026-12-03-06-comments': comments,
  '2026-12-03-08-moderation-and-claims': moderationAndClaims,
  '2026-12-03-04-search-rebuild-due': searchRebuildDue,
  '2026-12-03-05-votes': votes,
  '2026-12-03-15-webhooks': webhooks,
  '2026-12-03-18-category-days': categoryDays,
  '2026-12-03-13-follows-lookups': followsLookups,
  '2026-12-03-14-alert-outbox': alertOutbox,
  '2026-12-03-16-following-feeds': followingFeeds,
  '2026-12-03-19-webhook-deliveries-claim': webhookDeliveriesClaim,
}

/** Brings the database to the latest schema of the platform and every feature. */
export function migrateToLatest(db: Db): Promise<MigrationResultSet> {
  return applyMigrations(db, MIGRATIONS)
}

/** The migrations of the platform and every feature that the database has not applied yet. */
export function pendingMigrationNames(db: Db): Promise<string[]> {
  return pendingMigrations(db, MIGRATIONS)
}
