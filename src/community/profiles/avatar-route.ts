import { createHash } from 'node:crypto'
import { Hono } from 'hono'

// The smallest avatar route, written by the comments helper so that comment avatars load; the
// curation helper owns the real one (this file's place and `avatarPath`'s address are theirs).
const HUES = 12

/** `/avatars/{username}.svg`: the name's first letter on a colour derived from the name. */
export function avatarRoutes(): Hono {
  const app = new Hono()
  app.get('/avatars/:file{[^/]+\\.svg}', (c) => {
    const name = c.req.param('file').slice(0, -'.svg'.length).toLowerCase()
    const hue = (createHash('sha256').update(name).digest()[0]! % HUES) * (360 / HUES)
    // Usernames start with a letter; anything else is drawn as a neutral mark, never echoed into the SVG.
    const letter = /^[a-z]/.test(name) ? name[0]!.toUpperCase() : '?'
    const svg =
      `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32" width="32" height="32">` +
      `<rect width="32" height="32" fill="hsl(${hue} 55% 42%)"/>` +
      `<text x="16" y="21.5" font-family="sans-serif" font-size="16" font-weight="600" fill="#fff" text-anchor="middle">${letter}</text></svg>`
    return c.body(svg, 200, {
      'Content-Type': 'image/svg+xml',
      'Cache-Control': 'public, max-age=86400',
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
    })
  })
  return app
}
