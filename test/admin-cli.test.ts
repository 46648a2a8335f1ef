import { spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, it } from 'vitest'
import { buildIfStale } from '../scripts/build.js'
import { adminCreateCommand, adminPromoteCommand } from '../src/admin/command.js'
import { findLogin, findUserByName } from '../src/community/accounts/store.js'
import { verifyPassword } from '../src/community/accounts/passwords.js'
import { connect } from '../src/platform/db/connect.js'
import { UsageError } from '../src/platform/usage-error.js'
import { signedInUser } from './support/accounts.js'
import { describeEachDatabase } from './support/db.js'

const NOW = '2026-12-03T07:00:00.000Z'
const PASSWORD = 'correct horse battery staple'

describeEachDatabase('paperboy admin', (db) => {
  it('creates a confirmed admin account whose password logs in, even when it is not the first account', async () => {
    await signedInUser(db(), 'first_member')
    expect(
      await adminCreateCommand(db(), { username: 'ops_ann', email: 'ann@lab.example.org', password: PASSWORD }, NOW),
    ).toBe('Created the admin account ops_ann (ann@lab.example.org); log in at /login.')
    const login = await findLogin(db(), 'ann@lab.example.org')
    expect(login?.user).toMatchObject({ username: 'ops_ann', role: 'admin', emailVerified: true, banned: false })
    expect(await verifyPassword(login!.passwordHash, PASSWORD)).toBe(true)
  })

  it('refuses a taken name or address, pointing at promote instead', async () => {
    await expect(
      adminCreateCommand(db(), { username: 'OPS_ANN', email: 'other@lab.example.org', password: PASSWORD }, NOW),
    ).rejects.toThrow(/already has an account; to make that member an admin: paperboy admin promote OPS_ANN/)
  })

  it('refuses bad input as a usage error naming the field', async () => {
    for (const [input, field] of [
      [{ username: 'x', email: 'a@b.org', password: PASSWORD }, /^username: /],
      [{ username: 'admin', email: 'a@b.org', password: PASSWORD }, /^username: That username is reserved/],
      [{ username: 'ok_name', email: 'not an address', password: PASSWORD }, /^email: /],
      [{ username: 'ok_name', email: 'a@b.org', password: 'short' }, /^password: /],
      [{ username: 'ok_name', email: 'a@b.org', password: '' }, /^password: /],
    ] as const) {
      const run = adminCreateCommand(db(), input, NOW)
      await expect(run).rejects.toThrow(field)
      await expect(run).rejects.toBeInstanceOf(UsageError)
    }
  })

  it('promotes an existing member, says so when they are one already, and refuses an unknown name', async () => {
    await signedInUser(db(), 'reader_bo')
    expect(await adminPromoteCommand(db(), 'Reader_Bo')).toBe('reader_bo is now an admin.')
    expect((await findUserByName(db(), 'reader_bo'))?.role).toBe('admin')
    expect(await adminPromoteCommand(db(), 'reader_bo')).toBe('reader_bo is an admin already.')
    await expect(adminPromoteCommand(db(), 'nobody_here')).rejects.toThrow('there is no member called nobody_here')
  })
})

/** The command as an operator runs it: the password piped on stdin, one line out, one line on failure. */
describe('paperboy admin on the command line', { timeout: 120_000 }, () => {
  const ROOT = fileURLToPath(new URL('..', import.meta.url))
  const database = `sqlite:${join(mkdtempSync(join(tmpdir(), 'paperboy-admin-cli-')), 'paperboy.db')}`
  const paperboy = (args: string[], stdin: string) =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, ['bin/paperboy.js', ...args], {
        cwd: ROOT,
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'warn', DATABASE_URL: database },
      })
      let stdout = ''
      let stderr = ''
      child.stdout.on('data', (d) => (stdout += d))
      child.stderr.on('data', (d) => (stderr += d))
      child.on('error', reject)
      child.on('close', (code) => resolve({ code, stdout, stderr }))
      child.stdin.end(stdin)
    })
  beforeAll(() => void buildIfStale(), 120_000)

  it('creates an admin from a piped password, then refuses a second with one line on stderr', async () => {
    const created = await paperboy(
      ['admin', 'create', '--username', 'ops_cli', '--email', 'ops@lab.example.org'],
      `${PASSWORD}\n`,
    )
    expect(created.stderr).toBe('')
    expect(created.code).toBe(0)
    expect(created.stdout).toBe('Created the admin account ops_cli (ops@lab.example.org); log in at /login.\n')
    const db = connect(database)
    try {
      expect((await findUserByName(db, 'ops_cli'))?.role).toBe('admin')
    } finally {
      await db.close()
    }

    const again = await paperboy(
      ['admin', 'create', '--username', 'ops_cli', '--email', 'ops@lab.example.org'],
      `${PASSWORD}\n`,
    )
    expect(again.code).toBe(1)
    expect(again.stderr.trim().split('\n')).toHaveLength(1)
    expect(again.stderr).toMatch(
      /^paperboy: the username ops_cli or the address ops@lab\.example\.org already has an account/,
    )

    const weak = await paperboy(
      ['admin', 'create', '--username', 'ops_two', '--email', 'two@lab.example.org'],
      'short\n',
    )
    expect(weak.code).toBe(2)
    expect(weak.stderr).toMatch(/^paperboy: password: /)
    expect(weak.stderr + weak.stdout).not.toContain('short')
  })

  it('asks for the options it needs, as a usage error', async () => {
    const run = await paperboy(['admin', 'create', '--username', 'ops_three'], '')
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/^paperboy: required option '--email <address>' not specified/)
  })
})
