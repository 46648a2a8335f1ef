import { confirmSubscription, requestSubscription } from '../../src/digest/store.js'
import { upsertPapers } from '../../src/papers/upsert.js'
import type { Db } from '../../src/platform/db/connect.js'

/** A confirmed subscription of `email` at `now` (the header form's path has its own tests); its id. */
export async function confirmedSubscriber(db: Db, email: string, now: number): Promise<number> {
  const iso = new Date(now).toISOString()
  const hash = `confirm-${email}`
  const { id } = await requestSubscription(db, email, { hash, expiresAt: '2100-01-01T00:00:00.000Z' }, iso)
  await confirmSubscription(db, hash, iso)
  return id
}

/** No subscribers, no digests sent and no featured papers: each test starts its own list. */
export async function emptyDigestTables(db: Db): Promise<void> {
  for (const table of ['digest_sent_papers', 'digest_outbox', 'subscriptions', 'featured']) {
    await db.kysely.deleteFrom(table as never).execute()
  }
}

/** Empty digest tables and one cs.LG paper featured on Friday 2026-08-21, for the digests of that week. */
export async function oneFeaturedPaper(db: Db, paper: { id: string; title: string; abstract: string }): Promise<void> {
  await emptyDigestTables(db)
  await upsertPapers(db, [
    {
      ...paper,
      categories: ['cs.LG'],
      authors: ['Ada Lovelace'],
      featuring: {
        featuredOn: '2026-08-21',
        source: 'hf',
        position: 0,
        submittedBy: null,
        submittedAt: '2026-08-21T06:00:00.000Z',
      },
    },
  ])
}
