import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { Hono } from 'hono'
import { compressIn, WORTH_COMPRESSING_BYTES } from './compression.js'
import { chooseCoding } from './negotiation.js'

const STATIC_DIR = new URL('../views/static/', import.meta.url)
const TYPES = { css: 'text/css; charset=utf-8', js: 'text/javascript; charset=utf-8', svg: 'image/svg+xml' }

export interface Assets {
  /** URL paths with a content hash, so browsers may cache them forever. */
  paths: { css: string; js: string }
  routes: Hono
}

// By fingerprinted path and coding, for the process: every app made in it (tests make hundreds)
// shares one compression of each file.
const compressed = new Map<string, Promise<Uint8Array>>()

/**
 * A file in a coding at brotli's or gzip's best, made when first asked for: the stylesheet, which
 * holds up a first visit's rendering, is 7.4 KB at brotli 11 where the 3 an answer made for one
 * reader gets would send 9.7 KB (40 KB as it is), and it is made once, in 44 ms.
 */
function compressedAsset(path: string, coding: 'br' | 'gzip', body: Uint8Array): Promise<Uint8Array> {
  const key = `${path} ${coding}`
  let made = compressed.get(key)
  if (!made) {
    made = compressIn(coding, body, 'best')
    made.catch(() => compressed.delete(key)) // the next request tries again
    compressed.set(key, made)
  }
  return made
}

/** Loads the site's stylesheet, script and icon once at start and serves them immutable. */
export function loadAssets(): Assets {
  const routes = new Hono()
  const paths: Record<string, string> = {}
  for (const [name, ext] of [
    ['app', 'css'],
    ['app', 'js'],
    ['icon', 'svg'],
  ] as const) {
    const body = readFileSync(new URL(`${name}.${ext}`, STATIC_DIR))
    const hash = createHash('sha256').update(body).digest('hex').slice(0, 10)
    const path = `/static/${name}.${hash}.${ext}`
    paths[ext] = path
    routes.get(path, async (c) => {
      const headers = {
        'Content-Type': TYPES[ext],
        'Cache-Control': 'public, max-age=31536000, immutable',
        Vary: 'Accept-Encoding',
      }
      const coding = chooseCoding(c.req.header('accept-encoding'))
      if (coding === 'identity' || body.byteLength < WORTH_COMPRESSING_BYTES) return c.body(body, 200, headers)
      const compressed = (await compressedAsset(path, coding, body)) as Uint8Array<ArrayBuffer>
      return c.body(compressed, 200, { ...headers, 'Content-Encoding': coding })
    })
  }
  const icon = paths.svg!
  routes.get('/favicon.ico', (c) => c.redirect(icon, 301))
  return { paths: { css: paths.css!, js: paths.js! }, routes }
}
