import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { addComment } from '../src/community/comments/store.js'
import { hashPassword } from '../src/community/accounts/passwords.js'
import { createUser } from '../src/community/accounts/store.js'
import { upsertPapers } from '../src/papers/upsert.js'
import { signedInUser, type SignedIn } from './support/accounts.js'
import { createTestDb, type TestDb } from './support/db.js'
import { watchProblems } from './support/page-problems.js'
import { blockOtherHosts, launchChromium, type RunningSite, startSite } from './support/site.js'

const PAPER = '2401.04242'

/**
 * What an attacker types into a comment or a display name to run script in other readers'
 * browsers: raw tags, event handlers, script URLs in every Markdown link form, entity tricks,
 * attribute breakouts and markup hidden in code. Each one plants `window.__pwned` if it runs.
 */
const HOSTILE_BODIES = [
  '<script>window.__pwned = "script tag"</script>',
  '<img src=x onerror="window.__pwned = \'img onerror\'">',
  '<svg onload="window.__pwned = \'svg onload\'"></svg>',
  '<iframe src="javascript:window.__pwned=\'iframe\'"></iframe>',
  '[click me](javascript:window.__pwned="md link")',
  '[click me](JaVaScRiPt:window.__pwned="md link case")',
  '[click me](&#106;avascript:window.__pwned="entity link")',
  '[click me](data:text/html,<script>window.__pwned="data link"</script>)',
  '[click me](vbscript:msgbox)',
  '![x](javascript:window.__pwned="image")',
  '![x" onerror="window.__pwned=\'alt breakout\'](https://example.org/x.png)',
  '[x](https://example.org/" onmouseover="window.__pwned=\'href breakout\')',
  '<javascript:window.__pwned="autolink">',
  '<a href="javascript:window.__pwned=\'raw a\'">raw a</a>',
  '`<script>window.__pwned="code span"</script>`',
  '```\n</code></pre><script>window.__pwned="fence"</script>\n```',
  '"><script>window.__pwned="quote breakout"</script>',
  "'><img src=x onerror=window.__pwned='single quote'>",
  '<style>body{display:none}</style>',
  '<form action="https://evil.example"><button>win</button></form>',
  '<details open ontoggle="window.__pwned=\'details\'">',
  '# <script>window.__pwned="heading"</script>',
  '> <img src=x onerror=window.__pwned="quote">',
  '- <svg/onload=window.__pwned="list">',
  '<math><mtext><table><mglyph><style><img src=x onerror=window.__pwned="mxss">',
  '\u202eRTL override <b>bold?</b>',
]

/** Display names are free text (usernames are not): the same tricks, in the author's name. */
const HOSTILE_NAMES = [
  '<script>window.__pwned="name script"</script>',
  '"><img src=x onerror=window.__pwned="name img">',
  '\' onmouseover=\'window.__pwned="name attr"',
  '<svg onload=window.__pwned="name svg">',
]

const run = inject('chromiumAvailable') ? describe : describe.skip

run('hostile comments and names in Chromium', () => {
  let db: TestDb
  let site: RunningSite
  let browser: Browser
  let reader: SignedIn

  beforeAll(async () => {
    db = await createTestDb('sqlite') // the page's markup does not depend on the database
    await upsertPapers(db, [{ id: PAPER, title: 'A Paper Under Attack', abstract: 'Nothing to see.' }])
    reader = await signedInUser(db, 'reader') // the first account: an admin, who sees hidden text too
    const hash = await hashPassword('a long enough password')
    const now = new Date().toISOString()
    for (const [i, name] of HOSTILE_NAMES.entries()) {
      const user = await createUser(
        db,
        {
          username: `hostile${i}`,
          displayName: name,
          email: `h${i}@evil.example`,
          passwordHash: hash,
          verifiedAt: now,
        },
        now,
      )
      await addComment(db, { paperId: PAPER, userId: user!.id, body: `Written by ${name}` }, Date.now())
    }
    let parent: number | undefined
    for (const body of HOSTILE_BODIES) {
      parent = (await addComment(db, { paperId: PAPER, userId: reader.user.id, body, parentId: parent }, Date.now())).id
    }
    site = await startSite(db)
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
    await site?.close()
    await db?.drop()
  })

  async function openPaper(signedIn: boolean, test: (page: Page) => Promise<void>) {
    const context = await browser.newContext({ baseURL: site.url })
    try {
      await blockOtherHosts(context, site.url)
      const problems = await watchProblems(context, site.url)
      const page = await context.newPage()
      const dialogs: string[] = []
      page.on('dialog', (d) => {
        dialogs.push(d.message())
        void d.dismiss()
      })
      if (signedIn) await page.setExtraHTTPHeaders({ Cookie: reader.cookie })
      await page.goto(`/papers/${PAPER}`)
      await test(page)
      // Hover and focus everything, so handlers that wait for a reader's move get their chance.
      for (const el of await page.locator('.discussion a, .discussion summary').all()) await el.hover()
      expect(await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned)).toBeUndefined()
      expect(dialogs).toEqual([])
      expect(problems).toEqual([])
    } finally {
      await context.close()
    }
  }

  for (const signedIn of [false, true]) {
    it(`runs no script and shows every body and name as text${signedIn ? ', signed in' : ''}`, async () => {
      await openPaper(signedIn, async (page) => {
        const bodies = await page.locator('.comment-body').allInnerTexts()
        for (const body of HOSTILE_BODIES.filter((b) => !/^(#|>|-|```|`|!?\[)/.test(b))) {
          expect(
            bodies.some((shown) => shown.replace(/\s+/g, ' ').includes(body.replace(/\s+/g, ' '))),
            body,
          ).toBe(true)
        }
        const authors = await page.locator('.comment-author').allInnerTexts()
        for (const name of HOSTILE_NAMES) expect(authors, name).toContain(name.trim())
        // Markdown links that made it are only to http(s) and marked as user content.
        for (const link of await page.locator('.comment-body a').all()) {
          expect(await link.getAttribute('href')).toMatch(/^https?:|^mailto:/)
          expect(await link.getAttribute('rel')).toBe('nofollow ugc noopener')
        }
        // Nothing a comment wrote became an element outside the allowed few.
        const tags = await page.locator('.comment-body *').evaluateAll((els) => els.map((e) => e.tagName.toLowerCase()))
        expect(new Set(tags)).toEqual(
          new Set(
            tags.filter((t) =>
              ['p', 'br', 'em', 'strong', 's', 'code', 'pre', 'ul', 'ol', 'li', 'blockquote', 'a'].includes(t),
            ),
          ),
        )
      })
    })
  }
})
