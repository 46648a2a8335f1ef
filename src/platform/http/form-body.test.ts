import { createServer, request, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { getRequestListener } from '@hono/node-server'
import { Hono } from 'hono'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { formFields } from './form-body.js'
import { HttpError } from './http-error.js'

const MAX_BYTES = 1024
let server: Server
let url: string
/** What the last read ended with: its fields, or its error. */
let settled: Promise<unknown> = Promise.resolve()

beforeAll(async () => {
  const app = new Hono()
  app.post('/form', async (c) => {
    const read = formFields(c, MAX_BYTES)
    settled = read.catch((error: unknown) => error)
    try {
      return c.json(await read)
    } catch (error) {
      return c.text('refused', error instanceof HttpError ? (error.status as 413) : 400)
    }
  })
  server = createServer(getRequestListener(app.fetch))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/form`
})

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

/** POSTs `chunks` as an urlencoded body sent in pieces (chunked: no declared length). */
function post(chunks: string[], { abort = false } = {}): Promise<{ status: number; body: string } | 'aborted'> {
  return new Promise((resolve) => {
    const req = request(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' } })
    req.on('response', (res) => {
      let body = ''
      res.setEncoding('utf8').on('data', (d: string) => (body += d))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
    })
    req.on('error', () => resolve('aborted'))
    for (const chunk of chunks) req.write(chunk)
    if (abort) setTimeout(() => req.destroy(), 50)
    else req.end()
  })
}

it('reads an urlencoded body that arrives in pieces, the last of a repeated field winning', async () => {
  const answer = await post(['a=1&vote=u', 'p&a=2&note=caf%C3%A9'])
  expect(answer).toEqual({ status: 200, body: JSON.stringify({ a: '2', vote: 'up', note: 'café' }) })
})

it('refuses a body past the limit with a 413, and still answers on the connection', async () => {
  const answer = await post(['a=', 'x'.repeat(MAX_BYTES), 'y'.repeat(MAX_BYTES)])
  expect(answer).toEqual({ status: 413, body: 'refused' })
})

it('gives up on a body whose client went away before its end, rather than waiting forever', async () => {
  expect(await post(['a=1&b='], { abort: true })).toBe('aborted')
  const outcome = await Promise.race([
    settled,
    new Promise((resolve) => setTimeout(() => resolve('still waiting'), 2000)),
  ])
  expect(outcome).toBeInstanceOf(Error)
})
