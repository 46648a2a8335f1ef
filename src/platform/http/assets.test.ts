import { readFileSync } from 'node:fs'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { loadAssets } from './assets.js'

const { paths, routes } = loadAssets()
const css = readFileSync(new URL('../views/static/app.css', import.meta.url))
const get = (path: string, acceptEncoding?: string) =>
  routes.request(path, { headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} })

describe('the static files', () => {
  it('send the stylesheet compressed at its best in the coding a browser asks for, cached forever', async () => {
    const br = await get(paths.css, 'gzip, deflate, br, zstd')
    expect(br.headers.get('content-encoding')).toBe('br')
    expect(br.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    expect(br.headers.get('vary')).toBe('Accept-Encoding')
    const body = Buffer.from(await br.arrayBuffer())
    expect(body.length).toBeLessThan(css.length / 4)
    expect(brotliDecompressSync(body).equals(css)).toBe(true)
    const gz = await get(paths.css, 'gzip')
    expect(gz.headers.get('content-encoding')).toBe('gzip')
    expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).equals(css)).toBe(true)
    const plain = await get(paths.css)
    expect(plain.headers.get('content-encoding')).toBeNull()
    expect(Buffer.from(await plain.arrayBuffer()).equals(css)).toBe(true)
  })

  it('send the small icon as it is', async () => {
    const icon = (await get('/favicon.ico')).headers.get('location')!
    const res = await get(icon, 'br')
    expect([res.status, res.headers.get('content-type'), res.headers.get('content-encoding')]).toEqual([
      200,
      'image/svg+xml',
      null,
    ])
  })
})
