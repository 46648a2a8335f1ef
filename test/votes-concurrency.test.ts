import { afterAll, beforeAll, expect, it } from 'vitest'
import type { VoteTables } from '../src/community/votes/schema.js'
import type { PaperRecord } from '../src/papers/model.js'
import { trendingScore } from '../src/papers/trending.js'
import { upsertPapers } from '../src/papers/upsert.js'
import { formPost, signedInUser, type SignedIn } from './support/accounts.js'
import { describeEachDatabase } from './support/db.js'
import { type RunningSite, startSite } from './support/site.js'

const PAPER = '2608.20001'
const FEATURED_AT = '2026-08-24T06:00:00.000Z'
const IMPORTED = 40
const LATER_IMPORT = 55
const VOTERS = 200

const record = (upvotes: number, observedAt: string): PaperRecord => ({
  id: PAPER,
  title: 'A paper everyone votes for at once',
  authors: ['Ada Lovelace'],
  publishedAt: '2026-08-23T00:00:00.000Z',
  counts: { upvotes, numComments: 3 },
  observedAt,
  featuring: { featuredOn: '2026-08-24', source: 'hf', position: 0, submittedBy: null, submittedAt: FEATURED_AT },
})

/**
 * Real concurrency: every vote is its own HTTP request over a real socket, all in flight at once,
 * so the server interleaves their transactions as it would under a crowd.
 */
describeEachDatabase('votes at once', (db) => {
  let site: RunningSite
  let voters: SignedIn[]

  beforeAll(async () => {
    await upsertPapers(db(), [record(IMPORTED, '2026-08-24T07:00:00.000Z')])
    site = await startSite(db())
    voters = []
    for (let i = 0; i < VOTERS; i++) voters.push(await signedInUser(db(), `voter${i}`))
  }, 60_000)
  afterAll(() => site?.close())

  const vote = (who: SignedIn, value: 'up' | 'none') =>
    fetch(`${site.url}/papers/${PAPER}/vote`, { ...formPost(site.url, { vote: value }, who), redirect: 'manual' })
  const stored = async () => {
    const paper = await db()
      .kysely.selectFrom('papers')
      .select(['upvotes', 'imported_upvotes', 'local_upvotes', 'num_comments', 'trending_score'])
      .where('id', '=', PAPER)
      .executeTakeFirstOrThrow()
    const votes = await db()
      .kysely.withTables<VoteTables>()
      .selectFrom('votes')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('paper_id', '=', PAPER)
      .executeTakeFirstOrThrow()
    return { ...paper, votes: Number(votes.n) }
  }

  it('counts each of 200 readers voting at once exactly once', async () => {
    const answers = await Promise.all(voters.map((v) => vote(v, 'up')))
    expect(answers.map((r) => r.status)).toEqual(answers.map(() => 303))
    expect(await stored()).toMatchObject({ upvotes: IMPORTED + VOTERS, local_upvotes: VOTERS, votes: VOTERS })
  })

  it('takes back exactly the 100 votes withdrawn at once, while the others vote again and an import lands', async () => {
    const [answers] = await Promise.all([
      Promise.all(voters.map((v, i) => vote(v, i % 2 ? 'none' : 'up'))),
      // A newer Hugging Face observation arriving mid-storm changes the imported figure only.
      upsertPapers(db(), [record(LATER_IMPORT, '2026-08-24T09:00:00.000Z')]),
    ])
    expect(answers.map((r) => r.status)).toEqual(answers.map(() => 303))
    const after = await stored()
    expect(after).toMatchObject({
      upvotes: LATER_IMPORT + VOTERS / 2,
      imported_upvotes: LATER_IMPORT,
      local_upvotes: VOTERS / 2,
      votes: VOTERS / 2,
    })
    // The stored score is the one the counts give: no concurrent write left it behind.
    expect(after.trending_score).toBeCloseTo(
      trendingScore({ upvotes: after.upvotes, comments: after.num_comments }, FEATURED_AT),
      9,
    )
    const api = (await (await fetch(`${site.url}/api/papers/${PAPER}`)).json()) as { upvotes: number }
    expect(api.upvotes).toBe(LATER_IMPORT + VOTERS / 2)
  })
})
