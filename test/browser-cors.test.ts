import { createServer, type Server } from 'node:http'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { importHfDaily } from '../src/papers/huggingface/import.js'
import { createTestDb, type TestDb } from './support/db.js'
import { HF_DAILY_DIR } from './support/env.js'
import { launchChromium, type RunningSite, startSite } from './support/site.js'

/**
 * A script on another site calling the API from Chromium, as a notebook or a browser client of
 * Hugging Face's API would: the browser itself decides whether the CORS headers let it read.
 */
const run = inject('chromiumAvailable') ? describe : describe.skip

run('the API called from a script on another site, in Chromium', () => {
  let db: TestDb
  let site: RunningSite
  let browser: Browser
  // Another origin on this machine serving a blank page, as a notebook would. It is local like the
  // site, so Chromium's private-network rules (a public page calling 127.0.0.1) stay out of it.
  let notebook: Server
  let notebookUrl: string

  beforeAll(async () => {
    notebook = createServer((_, res) =>
      res.writeHead(200, { 'Content-Type': 'text/html' }).end('<!DOCTYPE html><title>n</title>'),
    )
    await new Promise<void>((resolve) => notebook.listen(0, '127.0.0.1', resolve))
    notebookUrl = `http://localhost:${(notebook.address() as { port: number }).port}`
    db = await createTestDb('sqlite')
    await importHfDaily(db, join(HF_DAILY_DIR, '2026-06-11.json'))
    site = await startSite(db)
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
    await site?.close()
    await db?.drop()
    await new Promise((resolve) => notebook?.close(resolve))
  })

  /** Runs `script` in a page of another origin and returns what it returns. */
  async function fromNotebook<T>(script: (siteUrl: string) => Promise<T>): Promise<T> {
    const context = await browser.newContext()
    try {
      const page = await context.newPage()
      await page.goto(notebookUrl)
      return await page.evaluate(script, site.url)
    } finally {
      await context.close()
    }
  }

  it('reads a listing and its Link header with a plain fetch', async () => {
    const seen = await fromNotebook(async (url) => {
      const res = await fetch(`${url}/api/papers?limit=2`)
      return { status: res.status, count: (await res.json()).length, link: res.headers.get('link') }
    })
    expect(seen).toMatchObject({ status: 200, count: 2 })
    expect(seen.link).toMatch(/rel="next"/)
  })

  it('gets through a preflight when the client sends an Authorization header', async () => {
    const seen = await fromNotebook(async (url) => {
      const res = await fetch(`${url}/api/daily_papers?date=2026-06-11&limit=1`, {
        headers: { Authorization: 'Bearer hf_example' },
      })
      return { status: res.status, count: (await res.json()).length }
    })
    expect(seen).toEqual({ status: 200, count: 1 })
  })

  it('reads an error message from the API', async () => {
    const seen = await fromNotebook(async (url) => {
      const res = await fetch(`${url}/api/papers/not-an-id`)
      return { status: res.status, error: (await res.json()).error }
    })
    expect(seen.status).toBe(400)
    expect(seen.error).toContain('not-an-id')
  })

  it('cannot read a page, which is not shared', async () => {
    const outcome = await fromNotebook(async (url) =>
      fetch(`${url}/papers/date/2026-06-11`).then(
        () => 'read',
        () => 'blocked',
      ),
    )
    expect(outcome).toBe('blocked')
  })
})
