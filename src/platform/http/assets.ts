import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { Hono } from 'hono'

const STATIC_DIR = new URL('../views/static/', import.meta.url)
const TYPES = { css: 'text/css; charset=utf-8', js: 'text/javascript; charset=utf-8', svg: 'image/svg+xml' }

export interface Assets {
  /** URL paths with a content hash, so browsers may cache them forever. */
  paths: { css: string; js: string }
  routes: Hono
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
    routes.get(path, (c) =>
      c.body(body, 200, { 'Content-Type': TYPES[ext], 'Cache-Control': 'public, max-age=31536000, immutable' }),
    )
  }
  const icon = paths.svg!
  routes.get('/favicon.ico', (c) => c.redirect(icon, 301))
  return { paths: { css: paths.css!, js: paths.js! }, routes }
}
