import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { connect } from '../src/platform/db/connect.js'
import { migrateToLatest } from '../src/migrations.js'
import { seedCheckedPages } from '../test/support/checked-pages.js'
import { blockOtherHosts, launchChromium, seedCatalog, startSite } from '../test/support/site.js'

const PAGES: [string, string][] = [
  ['author', '/authors/Yang%20Liu'],
  ['following', '/following'],
  ['settings-follows', '/settings/follows'],
  ['search', '/search?q=benchmark+cat%3Acs.CL'],
  ['paper', '/papers/2608.19880'],
]
const outDir = '/tmp/follows-shots'
mkdirSync(outDir, { recursive: true })
const dbDir = mkdtempSync(join(tmpdir(), 'paperboy-shots-'))
const db = connect(`sqlite:${join(dbDir, 'shots.db')}`)
await migrateToLatest(db)
await seedCatalog(db)
const { reader } = await seedCheckedPages(db)
const site = await startSite(db)
const browser = await launchChromium()
try {
  for (const width of [390, 1280]) {
    for (const colorScheme of ['light', 'dark'] as const) {
      const context = await browser.newContext({ viewport: { width, height: 1100 }, colorScheme })
      await blockOtherHosts(context, site.url)
      const [name, value] = reader.cookie.split('=') as [string, string]
      await context.addCookies([{ name, value, url: site.url }])
      const page = await context.newPage()
      for (const [n, path] of PAGES) {
        await page.goto(site.url + path, { waitUntil: 'load' })
        await page.screenshot({ path: join(outDir, `${n}-${width}-${colorScheme}.png`) })
      }
      await context.close()
    }
  }
} finally {
  await browser.close()
  await site.close()
  await db.close()
  rmSync(dbDir, { recursive: true, force: true })
}
