import { beforeAll, describe, expect, it } from 'vitest'
import { createCollection } from '../src/community/collections/store.js'
import { type SignedIn, signedInUser } from './support/accounts.js'
import { BASE_URL, bearer, communityApp, jsonRequest } from './support/community-app.js'
import { describeEachDatabase } from './support/db.js'

/** `/api/v1/follows`: a token holder's follows and their alerts, on both databases. */
describeEachDatabase('follows API', (db) => {
  let app: ReturnType<typeof communityApp>
  let ada: SignedIn
  let adaAuth: Record<string, string>
  let bobAuth: Record<string, string>
  beforeAll(async () => {
    app = communityApp(db(), Date.now)
    ada = await signedInUser(db(), 'ada')
    adaAuth = await bearer(db(), ada)
    bobAuth = await bearer(db(), await signedInUser(db(), 'bob'))
  })
  const call = (method: string, path: string, auth: Record<string, string>, body?: unknown) =>
    app.request(`${BASE_URL}${path}`, body === undefined ? { method, headers: auth } : jsonRequest(method, body, auth))

  it('follows, lists, changes the alert of and unfollows, in canonical form', async () => {
    const made = await call('POST', '/api/v1/follows', adaAuth, {
      kind: 'author',
      target: '  Yann   LeCun ',
      qualifiers: ['Léon Bottou', 'cs.LG'],
      alert: 'daily',
    })
    expect(made.status).toBe(201)
    const follow = await made.json()
    expect(follow).toMatchObject({
      kind: 'author',
      target: 'Yann LeCun',
      label: 'Yann LeCun',
      qualifiers: ['Léon Bottou', 'cs.LG'],
      alert: 'daily',
      email: true,
      url: `${BASE_URL}/authors/Yann%20LeCun`,
    })
    const again = await call('POST', '/api/v1/follows', adaAuth, { kind: 'author', target: 'Yann LeCun' })
    expect(again.status).toBe(200)
    expect((await again.json()).id).toBe(follow.id)

    const category = await (
      await call('POST', '/api/v1/follows', adaAuth, { kind: 'category', target: 'cs.LG' })
    ).json()
    expect(category).toMatchObject({ target: 'cs.lg', label: 'cs.LG', alert: 'off' })
    const listed = await (await call('GET', '/api/v1/follows', adaAuth)).json()
    expect(listed.follows.map((f: { id: number }) => f.id)).toEqual([category.id, follow.id])

    const patched = await call('PATCH', `/api/v1/follows/${follow.id}`, adaAuth, { alert: 'weekly', email: false })
    expect(await patched.json()).toMatchObject({ id: follow.id, alert: 'weekly', email: false })
    expect((await call('DELETE', `/api/v1/follows/${category.id}`, adaAuth)).status).toBe(204)
    expect((await call('DELETE', `/api/v1/follows/${category.id}`, adaAuth)).status).toBe(404)
    const after = await (await call('GET', '/api/v1/follows', adaAuth)).json()
    expect(after.follows.map((f: { id: number }) => f.id)).toEqual([follow.id])
  })

  it('answers 401 without a token, 403 before the address is confirmed, 404 for someone else’s follow', async () => {
    expect((await call('GET', '/api/v1/follows', {})).status).toBe(401)
    expect((await call('POST', '/api/v1/follows', {}, { kind: 'category', target: 'cs.AI' })).status).toBe(401)
    const unconfirmed = await bearer(db(), await signedInUser(db(), 'cy', { verified: false }))
    const refused = await call('POST', '/api/v1/follows', unconfirmed, { kind: 'category', target: 'cs.AI' })
    expect(refused.status).toBe(403)
    const mine = await (await call('POST', '/api/v1/follows', adaAuth, { kind: 'category', target: 'cs.AI' })).json()
    expect((await call('PATCH', `/api/v1/follows/${mine.id}`, bobAuth, { alert: 'daily' })).status).toBe(404)
    expect((await call('DELETE', `/api/v1/follows/${mine.id}`, bobAuth)).status).toBe(404)
    expect((await call('PATCH', '/api/v1/follows/abc', adaAuth, { alert: 'daily' })).status).toBe(404)
  })

  it('answers 400 with what is wrong, never 500', async () => {
    const bad: unknown[] = [
      { kind: 'planet', target: 'Mars' },
      { kind: 'category', target: 'not a category!' },
      { kind: 'search', target: '' },
      { kind: 'author', target: 'Ada', qualifiers: 'Bob' },
      { kind: 'author', target: 'Ada', alert: 'hourly' },
      { kind: 'collected', target: 'mine' },
      'not json',
    ]
    for (const body of bad) {
      const res = await call('POST', '/api/v1/follows', adaAuth, body)
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect((await res.json()).error).toEqual(expect.any(String))
    }
    const mine = await (await call('POST', '/api/v1/follows', adaAuth, { kind: 'category', target: 'cs.CV' })).json()
    for (const body of [{ alert: 'hourly' }, { email: 'yes' }, { id: 3 }]) {
      expect((await call('PATCH', `/api/v1/follows/${mine.id}`, adaAuth, body)).status, JSON.stringify(body)).toBe(400)
    }
  })

  it('follows a collection the token owner may see, and not a private one of someone else', async () => {
    const bob = await signedInUser(db(), 'dan')
    const now = new Date().toISOString()
    const open = await createCollection(db(), bob.user.id, { name: 'Open list', description: '', isPublic: true }, now)
    const closed = await createCollection(db(), bob.user.id, { name: 'Closed', description: '', isPublic: false }, now)
    const made = await call('POST', '/api/v1/follows', adaAuth, { kind: 'collection', target: String(open.id) })
    expect(await made.json()).toMatchObject({ kind: 'collection', label: 'Open list' })
    const refused = await call('POST', '/api/v1/follows', adaAuth, { kind: 'collection', target: String(closed.id) })
    expect(refused.status).toBe(404)
  })
})

describe('follows API documentation', () => {
  it('documents every follows route in the composed OpenAPI document', async () => {
    const { openApiDocument } = await import('../src/api-v1/openapi.js')
    const paths = openApiDocument.paths as Record<string, Record<string, unknown>>
    expect(Object.keys(paths['/api/v1/follows']!)).toEqual(['get', 'post'])
    expect(Object.keys(paths['/api/v1/follows/{id}']!)).toEqual(['parameters', 'patch', 'delete'])
  })
})
