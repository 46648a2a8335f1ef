import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { compressAnswers } from './compress.js'

const page = `<!doctype html><title>A page</title>${'<p>A paragraph of a page a reader asked for.</p>'.repeat(100)}`

const app = new Hono()
app.use(compressAnswers())
app.get('/page', (c) => c.html(page))
app.get('/json', (c) => c.json({ items: Array.from({ length: 100 }, (_, i) => ({ i, title: 'A title' })) }))
app.get('/small', (c) => c.html('<p>short</p>'))
app.get('/image', (c) => c.body(new Uint8Array(4096), 200, { 'content-type': 'image/png' }))
app.get('/encoded', (c) => c.body('already', 200, { 'content-type': 'text/html', 'content-encoding': 'br' }))
app.get('/varied', (c) => c.html(page, 200, { vary: 'Cookie, Accept-Encoding' }))

const get = (path: string, acceptEncoding?: string, method = 'GET') =>
  app.request(path, { method, headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} })

describe('compressing the answers the cache does not keep', () => {
  it('sends brotli or gzip as the client prefers, each decoding to the page', async () => {
    const br = await get('/page', 'gzip, deflate, br')
    expect(br.headers.get('content-encoding')).toBe('br')
    expect(br.headers.get('vary')).toBe('Accept-Encoding')
    const brBody = Buffer.from(await br.arrayBuffer())
    expect(brBody.length).toBeLessThan(page.length / 10)
    expect(brotliDecompressSync(brBody).toString()).toBe(page)
    const gz = await get('/page', 'gzip')
    expect(gz.headers.get('content-encoding')).toBe('gzip')
    expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString()).toBe(page)
    const json = await get('/json', 'br;q=0.5, gzip')
    expect(json.headers.get('content-encoding')).toBe('gzip')
    expect(JSON.parse(gunzipSync(Buffer.from(await json.arrayBuffer())).toString()).items).toHaveLength(100)
  })

  it('sends the page as it is to a client that asks for no coding, saying that it varies', async () => {
    const plain = await get('/page')
    expect(plain.headers.get('content-encoding')).toBeNull()
    expect(plain.headers.get('vary')).toBe('Accept-Encoding')
    expect(await plain.text()).toBe(page)
  })

  it('leaves alone small bodies, images, bodies already encoded, HEAD, and a Vary that says it already', async () => {
    for (const path of ['/small', '/image', '/encoded']) {
      const res = await get(path, 'br')
      expect(res.headers.get('content-encoding'), path).toBe(path === '/encoded' ? 'br' : null)
    }
    expect(await (await get('/small', 'br')).text()).toBe('<p>short</p>')
    expect((await get('/page', 'br', 'HEAD')).headers.get('content-encoding')).toBeNull()
    const varied = await get('/varied', 'br')
    expect([varied.headers.get('content-encoding'), varied.headers.get('vary')]).toEqual([
      'br',
      'Cookie, Accept-Encoding',
    ])
  })
})
