// Full-page screenshots of the main pages at phone and desktop widths, light and dark, for
// reviewing the design by eye: `npx tsx scripts/screenshots.ts [outDir]` (default ./screenshots).
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { connect } from '../src/platform/db/connect.js'
import { migrateToLatest } from '../src/migrations.js'
import { upsertPapers } from '../src/papers/upsert.js'
import { MATH_PAPER_ID, mathPaperRecord } from '../test/support/math-paper.js'
import { blockOtherHosts, launchChromium, seedCatalog, startSite } from '../test/support/site.js'

const PAGES: [name: string, path: string][] = [
  ['categories', '/c'],
  ['home', '/'],
  ['day', '/papers/date/2026-08-21'],
  ['week', '/papers/week/2026-W34'],
  ['paper', '/papers/2608.19880'],
  ['demo-paper', '/papers/2106.07139'],
  ['math-paper', `/papers/${MATH_PAPER_ID}`],
  ['math-abstract', '/papers/2606.02641'],
  ['not-found', '/papers/2401.99999'],
  ['bad-request', '/papers/date/2026-13-45'],
  ['category', '/c/hep-ph'],
]
const WIDTHS = [390, 1280]
const SCHEMES = ['light', 'dark'] as const

const outDir = resolve(process.argv[2] ?? 'screenshots')
mkdirSync(outDir, { recursive: true })
const dbDir = mkdtempSync(join(tmpdir(), 'paperboy-shots-'))
const db = connect(`sqlite:${join(dbDir, 'shots.db')}`)
await migrateToLatest(db)
await seedCatalog(db)
await upsertPapers(db, [mathPaperRecord()])
const site = await startSite(db)
const browser = await launchChromium()
try {
  for (const width of WIDTHS) {
    for (const colorScheme of SCHEMES) {
      const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme })
      await blockOtherHosts(context, site.url)
      const page = await context.newPage()
      for (const [name, path] of PAGES) {
        await page.goto(site.url + path, { waitUntil: 'load' })
        const file = join(outDir, `${name}-${width}-${colorScheme}.png`)
        await page.screenshot({ path: file, fullPage: true })
        console.log(file)
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
