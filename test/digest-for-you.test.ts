import pino from 'pino'
import { createApp } from '../src/app.js'
import { loadConfig } from '../src/config.js'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { addToCollection, createCollection } from '../src/community/collections/store.js'
import { setVote } from '../src/community/votes/store.js'
import { sentPaperIds } from '../src/digest/outbox.js'
import { sendDigests } from '../src/digest/sender.js'
import { getSubscription, savePreferences } from '../src/digest/store.js'
import { upsertPapers } from '../src/papers/upsert.js'
import { rebuildVectors } from '../src/search/vectors/rebuild.js'
import { signedInUser } from './support/accounts.js'
import { describeEachDatabase } from './support/db.js'
import { confirmedSubscriber } from './support/digest.js'
import { type SmtpSink, startSmtpSink } from './support/smtp.js'
import { type Topic, topicOf, topicPaper, topicPapers } from './support/topic-papers.js'

const SITE = { name: 'Paperboy', baseUrl: 'https://papers.example.org' }
const TUESDAY = Date.parse('2026-08-25T08:00:00.000Z')
const DAY = '2026-08-24'
const logger = pino({ level: 'silent' })

/** The "for you" part of a digest's text: its papers' titles, and the reasons given. */
function forYouOf(text: string): { titles: string[]; reasons: string[] } {
  const part = text.split('\nFor you\n')[1]?.split('\n--\n')[0] ?? ''
  const lines = part.split('\n')
  return {
    titles: lines.filter((l) => l !== '' && !l.startsWith(' ')),
    reasons: lines.filter((l) => l.trim().startsWith('Because you ')).map((l) => l.trim()),
  }
}

/**
 * The digest's "for you" section through a real SMTP server on both databases: a member who
 * upvoted and collected diffusion papers gets the day's diffusion papers the main list left out,
 * with the reason; a subscriber without an account gets none.
 */
describeEachDatabase('the digest’s “for you” section', (db) => {
  let smtp: SmtpSink
  const titleOf = new Map(topicPapers().map((p) => [p.title, p.id]))

  beforeAll(async () => {
    smtp = await startSmtpSink()
    // The whole catalog, then today's featured papers: 5 of each topic, robots and galaxies far
    // ahead in votes, so that the main list of 5 holds no diffusion paper.
    await upsertPapers(db(), topicPapers())
    const featured = (topic: Topic, upvotes: number) =>
      Array.from({ length: 5 }, (_, k) => ({
        ...topicPaper(topic, 10 + k),
        counts: { upvotes: upvotes - k, numComments: 0 },
        featuring: {
          featuredOn: DAY,
          source: 'hf' as const,
          position: k,
          submittedBy: null,
          submittedAt: `${DAY}T06:00:00.000Z`,
        },
      }))
    await upsertPapers(db(), [...featured('robots', 90), ...featured('galaxies', 80), ...featured('diffusion', 5)])
    await rebuildVectors(db())
  })
  afterAll(() => smtp?.close())

  async function subscribe(email: string): Promise<number> {
    const id = await confirmedSubscriber(db(), email, TUESDAY)
    const now = new Date(TUESDAY).toISOString()
    const s = (await getSubscription(db(), id))!
    await savePreferences(db(), id, { ...s, maxPapers: 5 }, now)
    return id
  }

  it('adds papers like what the member upvoted or collected, says why, and never sends them again', async () => {
    const ada = await signedInUser(db(), 'ada', { now: TUESDAY - 86_400_000 })
    const at = (minutes: number) => new Date(TUESDAY - minutes * 60_000).toISOString()
    for (let i = 0; i < 4; i++) await setVote(db(), ada.user.id, topicPaper('diffusion', i).id, true, at(60 - i))
    const reading = await createCollection(
      db(),
      ada.user.id,
      { name: 'Reading', description: '', isPublic: false },
      at(30),
    )
    await addToCollection(db(), reading.id, topicPaper('diffusion', 4).id, at(20))
    // Subscribed from the header form with the account's address: linked to the account on the run.
    const adaSubscription = await subscribe(ada.user.email)
    await subscribe('bob@lab.org')

    const report = await sendDigests({ db: db(), mailer: smtp.mailer, logger, site: SITE }, 'daily', TUESDAY)
    expect(report).toMatchObject({
      sent: 2,
    })
    expect((await getSubscription(db(), adaSubscription))!.userId).toBe(ada.user.id)

    const mail = await smtp.nextMessageTo(ada.user.email)
    const { titles, reasons } = forYouOf(mail.text)
    expect(titles.length).toBeGreaterThan(0)
    expect(titles.length).toBeLessThanOrEqual(3)
    const ids = titles.map((t) => titleOf.get(t)!)
    for (const id of ids) expect(topicOf(id)).toBe('diffusion')
    // None of them is in the main list, nor one Ada voted for or collected.
    const main = mail.text.split('\nFor you\n')[0]!
    for (const t of titles) expect(main).not.toContain(t)
    for (const id of ids) expect(Number(id.slice(-2))).toBeGreaterThanOrEqual(10)
    expect(reasons).toHaveLength(titles.length)
    const taste = [0, 1, 2, 3].map((i) => `Because you upvoted “${topicPaper('diffusion', i).title}”`)
    taste.push(`Because you collected “${topicPaper('diffusion', 4).title}”`)
    for (const r of reasons) expect(taste).toContain(r)
    expect(mail.html).toContain('For you')
    // Remembered as sent: no later digest brings them again.
    const sent = (await sentPaperIds(db(), [adaSubscription])).get(adaSubscription)!
    for (const id of ids) expect(sent.has(id)).toBe(true)

    const bob = await smtp.nextMessageTo('bob@lab.org')
    expect(bob.text).not.toContain('For you')

    // The email's "view in the browser" link shows the section too.
    const app = createApp({ config: loadConfig({ BASE_URL: SITE.baseUrl, LOG_LEVEL: 'silent' }), db: db(), logger })
    const preview = mail.links.find((l) => l.includes('/digest/preview?s='))!
    const page = await (await app.request(preview)).text()
    expect(page).toContain('For you')
    for (const t of titles) expect(page).toContain(t)
  })

  it('leaves out an account whose address is not confirmed: it is not linked', async () => {
    const eve = await signedInUser(db(), 'eve', { verified: false, now: TUESDAY })
    await setVote(db(), eve.user.id, topicPaper('diffusion', 1).id, true, new Date(TUESDAY).toISOString())
    const id = await subscribe(eve.user.email)
    await sendDigests({ db: db(), mailer: smtp.mailer, logger, site: SITE }, 'daily', TUESDAY)
    expect((await getSubscription(db(), id))!.userId).toBeNull()
    expect((await smtp.nextMessageTo(eve.user.email)).text).not.toContain('For you')
  })
})
