import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { expect, it } from 'vitest'
import { connect } from './connect.js'

// SQLite alone: PostgreSQL checkpoints in its own server processes.
it('copies the WAL into the database file from its own thread, so the WAL stays small', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'paperboy-checkpoints-'))
  const path = join(dir, 'site.db')
  const db = connect(`sqlite:${path}`, { backgroundCheckpoints: true })
  try {
    // This connection never checkpoints: whatever reaches the database file, the thread copied.
    await sql`pragma wal_autocheckpoint = 0`.execute(db.kysely)
    await sql`create table pages (n integer primary key, body text)`.execute(db.kysely)
    const ROWS = 200
    // The thread is at work once the table reaches the database file (it may start late on a busy
    // machine, and the WAL's file keeps the size it once had).
    const empty = statSync(path).size
    await until(() => statSync(path).size > empty)
    for (let n = 0; n < ROWS; n++) {
      await sql`insert into pages values (${n}, ${'x'.repeat(4000)})`.execute(db.kysely)
      // Pauses between bursts of writes, as a server has: a pass then copies the whole WAL, and the
      // next write starts it again from its beginning.
      if (n % 20 === 19) await new Promise((resolve) => setTimeout(resolve, 300))
    }
    await until(() => statSync(path).size > ROWS * 4000)
    // Every row is in the database file (some 800 kB), and the WAL never held more than a few bursts.
    expect(statSync(path).size).toBeGreaterThan(ROWS * 4000)
    expect(statSync(`${path}-wal`).size).toBeLessThan((ROWS * 4000) / 2)
    const [count] = (await sql<{ n: number }>`select count(*) as n from pages`.execute(db.kysely)).rows
    expect(count!.n).toBe(ROWS)
  } finally {
    await db.close() // stops the thread first; a process with a running thread would not end
    rmSync(dir, { recursive: true, force: true })
  }
}, 30_000)

async function until(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 15_000
  while (!condition() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50))
}
