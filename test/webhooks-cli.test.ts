import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildIfStale } from '../scripts/build.js'
import { enqueueAlertWebhooks } from '../src/webhooks/enqueue.js'
import { createWebhook } from '../src/webhooks/store.js'
import { signedInUser } from './support/accounts.js'
import { createTestDb, type TestDb } from './support/db.js'
import { type Receiver, startReceiver } from './support/webhook-receiver.js'
import { aFollow, anAlert, deliveriesOf } from './support/webhooks.js'

/** `paperboy webhooks deliver`, as an operator runs it: sends what is due once and says how it went. */
const ROOT = fileURLToPath(new URL('..', import.meta.url))

function paperboy(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/paperboy.js', ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'warn', ...env },
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}

describe('paperboy webhooks deliver', () => {
  let db: TestDb
  let hook: Receiver
  beforeAll(async () => {
    buildIfStale()
    db = await createTestDb('sqlite')
    hook = await startReceiver({ status: 200 })
  }, 120_000)
  afterAll(async () => {
    await hook?.close()
    await db?.drop()
  })

  it('delivers the due deliveries once and reports them', { timeout: 60_000 }, async () => {
    const who = await signedInUser(db, 'operator')
    const follow = await aFollow(db, who.user.id, 'cs.LG')
    const webhook = await createWebhook(
      db,
      who.user.id,
      { kind: 'json', url: hook.url, matrixRoom: null, matrixToken: null, secret: 'whsec_x', followIds: [] },
      new Date().toISOString(),
    )
    await enqueueAlertWebhooks(db, anAlert(who.user.id, follow, 'instant:cli'))
    const env = { DATABASE_URL: db.url, WEBHOOKS_ALLOW_PRIVATE: 'true', OUTBOX_DIR: `${db.url.slice(7)}-outbox` }
    const run = await paperboy(['webhooks', 'deliver'], env)
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(run.stdout).toBe(
      'webhooks: 1 delivered, 0 to retry, 0 failed, 0 dropped (webhook off), 0 webhooks turned off\n',
    )
    expect(hook.received).toHaveLength(1)
    expect((await deliveriesOf(db, webhook))[0]!.status).toBe('delivered')
    const again = await paperboy(['webhooks', 'deliver'], env)
    expect(again.stdout).toContain('webhooks: 0 delivered')
    expect(hook.received).toHaveLength(1)
  })
})
