import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'test/**/*.test.{ts,tsx}', 'bench/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Vitest's default on two cores is one worker; most suites wait on PostgreSQL, Chromium, SMTP
    // or child processes rather than compute, so two run side by side in about half the time.
    maxWorkers: 2,
    // Mail that tests send without a mailer of their own lands here, not in the checkout's data/.
    env: { OUTBOX_DIR: join(tmpdir(), 'paperboy-test-outbox') },
  },
})
