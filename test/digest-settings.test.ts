import fc from 'fast-check'
import { beforeAll, expect, it } from 'vitest'
import { getSubscription } from '../src/digest/store.js'
import { formPost, type SignedIn, signedInUser } from './support/accounts.js'
import { BASE_URL, communityApp } from './support/community-app.js'
import { describeEachDatabase } from './support/db.js'
import { confirmedSubscriber } from './support/digest.js'
import { anyQueryText } from './support/hostile-text.js'
import { textOf } from './support/html.js'

const NOW = Date.parse('2026-08-24T09:00:00.000Z')
const PREFS = { frequency: 'daily', categories: '', keywords: '', max_papers: '10' }

/** The digest section of account settings, on both databases. */
describeEachDatabase('the digest in account settings', (db) => {
  let app: ReturnType<typeof communityApp>
  beforeAll(() => {
    app = communityApp(db(), () => NOW)
  })
  const get = async (who: SignedIn) =>
    textOf(await (await app.request(`${BASE_URL}/settings`, { headers: { cookie: who.cookie } })).text())
  const post = (who: SignedIn | undefined, path: string, fields: Record<string, string> = {}) =>
    app.request(`${BASE_URL}${path}`, formPost(BASE_URL, fields, who))
  const subscriptionOf = async (email: string) => {
    const row = await db()
      .kysely.selectFrom('subscriptions' as never)
      .select(['id' as never])
      .where('email_key' as never, '=', email as never)
      .executeTakeFirst()
    return row ? getSubscription(db(), (row as { id: number }).id) : null
  }
  const headerFormSubscription = (email: string) => confirmedSubscriber(db(), email, NOW)

  it('subscribes a confirmed address in one click, saves preferences, unsubscribes and subscribes again', async () => {
    const ada = await signedInUser(db(), 'ada', { now: NOW })
    expect(await get(ada)).toContain('Email digest')
    expect(await get(ada)).toContain('no confirmation email is needed')

    const subscribed = await post(ada, '/settings/digest/subscribe')
    expect(subscribed.status).toBe(303)
    expect(subscribed.headers.get('location')).toBe('/settings?done=digest-subscribed#digest')
    expect(await subscriptionOf(ada.user.email)).toMatchObject({ status: 'active', userId: ada.user.id })
    expect(await get(ada)).toContain(`Sent to ${ada.user.email}`)

    const saved = await post(ada, '/settings/digest', {
      frequency: 'weekly',
      categories: 'cs.LG stat.ML',
      keywords: 'diffusion',
      max_papers: '20',
    })
    expect(saved.headers.get('location')).toBe('/settings?done=digest-saved#digest')
    expect(await subscriptionOf(ada.user.email)).toMatchObject({
      frequency: 'weekly',
      categories: ['cs.LG', 'stat.ML'],
      keywords: ['diffusion'],
      maxPapers: 20,
    })
    const bad = await post(ada, '/settings/digest', { ...PREFS, max_papers: '500' })
    expect(bad.status).toBe(400)
    expect(textOf(await bad.text())).toContain('Choose between 5 and 50 papers.')

    expect((await post(ada, '/settings/digest/unsubscribe')).headers.get('location')).toBe(
      '/settings?done=digest-unsubscribed#digest',
    )
    expect((await subscriptionOf(ada.user.email))!.status).toBe('unsubscribed')
    expect(await get(ada)).toContain('Subscribe to the digest')
    expect((await post(ada, '/settings/digest', PREFS)).status).toBe(409)
    await post(ada, '/settings/digest/subscribe')
    expect((await subscriptionOf(ada.user.email))!.status).toBe('active')
  })

  it('manages a subscription made from the header form with the account’s confirmed address, and links it', async () => {
    const bob = await signedInUser(db(), 'bob', { now: NOW })
    const id = await headerFormSubscription(bob.user.email)
    expect(await get(bob)).toContain(`Sent to ${bob.user.email}`)
    expect((await post(bob, '/settings/digest', { ...PREFS, max_papers: '7' })).status).toBe(303)
    expect(await getSubscription(db(), id)).toMatchObject({ maxPapers: 7, userId: bob.user.id })
  })

  it('gives an unconfirmed address no subscription: neither a new one nor the one already there', async () => {
    const eve = await signedInUser(db(), 'eve', { verified: false, now: NOW })
    const id = await headerFormSubscription(eve.user.email)
    expect(await get(eve)).toContain('goes to confirmed addresses only')
    expect(await get(eve)).not.toContain('Sent to')
    expect((await post(eve, '/settings/digest/subscribe')).status).toBe(409)
    expect((await post(eve, '/settings/digest', PREFS)).status).toBe(409)
    expect((await post(eve, '/settings/digest/unsubscribe')).status).toBe(409)
    expect(await getSubscription(db(), id)).toMatchObject({ status: 'active', maxPapers: 10, userId: null })
  })

  it('sends a reader who is not logged in to log in, and refuses a form without its CSRF token', async () => {
    const anonymous = await post(undefined, '/settings/digest/subscribe')
    expect(anonymous.status).toBe(303)
    expect(anonymous.headers.get('location')).toMatch(/^\/login\?next=/)
    const cat = await signedInUser(db(), 'cat', { now: NOW })
    const forged = await post({ ...cat, csrf: 'not-the-token' }, '/settings/digest/subscribe')
    expect(forged.status).toBe(403)
    expect(await subscriptionOf(cat.user.email)).toBeNull()
  })

  it('answers hostile preferences with a 4xx or a saved form, never a 500', async () => {
    const dan = await signedInUser(db(), 'dan', { now: NOW })
    await post(dan, '/settings/digest/subscribe')
    await fc.assert(
      fc.asyncProperty(
        anyQueryText,
        fc.constantFrom('categories', 'keywords', 'max_papers', 'frequency'),
        async (text, field) => {
          const res = await post(dan, '/settings/digest', { ...PREFS, [field]: text })
          expect([303, 400, 413]).toContain(res.status) // 413: a form past 64 KB
        },
      ),
      { numRuns: 40 },
    )
    for (const text of [
      '\u0000',
      '\uD800',
      "'; drop table subscriptions; --",
      '<script>x</script>',
      'x'.repeat(10_000),
    ]) {
      expect((await post(dan, '/settings/digest', { ...PREFS, keywords: text })).status).toBe(400)
    }
    expect((await subscriptionOf(dan.user.email))!.status).toBe('active')
  })
})
