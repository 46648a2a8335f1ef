import { spawn } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Resvg } from '@resvg/resvg-js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildIfStale } from '../scripts/build.js'
import { SOURCE_NAMES } from '../src/ingest/source.js'
import { upsertPapers } from '../src/papers/upsert.js'
import { migrateToLatest } from '../src/migrations.js'
import { connect } from '../src/platform/db/connect.js'
import { HF_DAILY_DIR } from './support/env.js'
import { FaultServer } from './support/fault-server.js'
import { recording } from './support/ingest.js'
import { recordedDay } from './support/recorded.js'

/** `paperboy` as a person runs it: `node bin/paperboy.js …` from the project folder. */
const ROOT = fileURLToPath(new URL('..', import.meta.url))
const SPAWN_TIMEOUT_MS = 60_000 // generous: a busy machine starts Node slowly
const BUILD_TIMEOUT_MS = 120_000

interface Run {
  code: number | null
  stdout: string
  stderr: string
}

/**
 * Runs the CLI with only PATH and HOME from this environment plus `env`: Vitest's own variables
 * (it sets BASE_URL=/) must not leak into the settings under test.
 */
function paperboy(args: string[], env: Record<string, string> = {}): Promise<Run> {
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

const tempDatabase = () => `sqlite:${join(mkdtempSync(join(tmpdir(), 'paperboy-cli-')), 'paperboy.db')}`

/** Fails unless the run failed with exactly one line on stderr, and returns that line. */
function oneLineFailure(run: Run): string {
  expect(run.code, run.stderr).not.toBe(0)
  expect(run.code).not.toBeNull() // it exited, it was not killed
  const lines = run.stderr.split('\n').filter(Boolean)
  expect(lines, run.stderr).toHaveLength(1)
  return lines[0]!
}

// bin/paperboy.js runs dist/: compile it before the runs, whose stderr must be theirs alone.
beforeAll(() => void buildIfStale(), BUILD_TIMEOUT_MS)

describe.concurrent('paperboy on the command line', { timeout: 2 * SPAWN_TIMEOUT_MS }, () => {
  describe('a wrong setting', () => {
    it.each([['abc'], ['0'], ['70000']])('stops serve with one line naming PORT (PORT=%s)', async (port) => {
      const line = oneLineFailure(await paperboy(['serve'], { PORT: port, DATABASE_URL: tempDatabase() }))
      expect(line).toMatch(/^paperboy: Invalid setting PORT: /)
    })

    it('stops serve with one line naming DATABASE_URL', async () => {
      const line = oneLineFailure(await paperboy(['serve'], { DATABASE_URL: 'mysql://localhost/papers' }))
      expect(line).toMatch(/^paperboy: Invalid setting DATABASE_URL: /)
    })
  })

  it('stops serve with one line when the database cannot be reached, and hides the password', async () => {
    const run = await paperboy(['serve'], { DATABASE_URL: 'postgres://paperboy:s3cret@127.0.0.1:1/paperboy' })
    expect(oneLineFailure(run)).toMatch(
      /^paperboy: cannot open the database \(postgres:\/\/…@127\.0\.0\.1:1\/paperboy\): /,
    )
    expect(run.stderr + run.stdout).not.toContain('s3cret')
  })

  describe('serve on a port already in use', () => {
    let taken: Server | undefined
    afterAll(() => new Promise<void>((resolve) => (taken ? taken.close(() => resolve()) : resolve())))

    it('stops with one line asking for another PORT', async () => {
      taken = createServer()
      const port = await new Promise<number>((resolve) =>
        taken!.listen(0, () => resolve((taken!.address() as { port: number }).port)),
      )
      const line = oneLineFailure(await paperboy(['serve'], { PORT: String(port), DATABASE_URL: tempDatabase() }))
      expect(line).toBe(`paperboy: port ${port} is already in use; set PORT to another port`)
    })
  })

  describe('import', () => {
    it('fails with one line for a path that is not there', async () => {
      const line = oneLineFailure(await paperboy(['import', '/nonexistent'], { DATABASE_URL: tempDatabase() }))
      expect(line).toBe('paperboy: no such file or folder: /nonexistent')
    })

    it('imports a recorded day and prints the summary; a second import changes nothing', async () => {
      const day = '2026-06-11'
      const items = recordedDay(day).length
      const file = join(HF_DAILY_DIR, `${day}.json`)
      const env = { DATABASE_URL: tempDatabase() }

      const first = await paperboy(['import', file], env)
      expect(first.code, first.stderr).toBe(0)
      expect(first.stderr).toBe('')
      expect(first.stdout.trim()).toMatch(
        new RegExp(
          `^Imported 1 files, ${items} items in \\d+\\.\\d s: ${items} new, 0 updated, 0 unchanged, 0 skipped\\.$`,
        ),
      )

      const again = await paperboy(['import', file], env)
      expect(again.code, again.stderr).toBe(0)
      expect(again.stdout.trim()).toMatch(new RegExp(`: 0 new, 0 updated, ${items} unchanged, 0 skipped\\.$`))
    })

    it('reports a bad item on stderr, imports the rest, and exits 3 for a partial import', async () => {
      const items = recordedDay('2026-06-11')
      items[1]!.paper.id = 'not-an-id'
      const file = join(mkdtempSync(join(tmpdir(), 'paperboy-cli-')), '2026-06-11.json')
      writeFileSync(file, JSON.stringify(items))
      const run = await paperboy(['import', file], { DATABASE_URL: tempDatabase() })
      expect(run.code, run.stderr).toBe(3)
      expect(run.stderr).toBe('skipped 2026-06-11.json item 1: paper.id: not an arXiv id\n')
      expect(run.stdout).toContain(`: ${items.length - 1} new, 0 updated, 0 unchanged, 1 skipped.`)
    })

    it('counts a file skipped whole, imports the other files, and exits 3', async () => {
      const folder = mkdtempSync(join(tmpdir(), 'paperboy-cli-'))
      const items = recordedDay('2026-06-11')
      writeFileSync(join(folder, '2026-06-11.json'), JSON.stringify(items))
      writeFileSync(join(folder, '2026-06-12.json'), '{"truncated": ')
      const run = await paperboy(['import', folder], { DATABASE_URL: tempDatabase() })
      expect(run.code, run.stderr).toBe(3)
      expect(run.stderr).toMatch(/^skipped 2026-06-12\.json: not valid JSON \(.+\)\n$/)
      const n = items.length
      const counts = `${n} new, 0 updated, 0 unchanged, 0 skipped`
      const summary = new RegExp(`^Imported 2 files \\(1 skipped\\), ${n} items in \\d+\\.\\d s: ${counts}\\.$`)
      expect(run.stdout.trim()).toMatch(summary)
    })
  })

  it.each(['migrate', 'serve'])(
    '%s stops at once with one line for a DATABASE_URL where no file can be',
    async (cmd) => {
      const run = await paperboy([cmd], { DATABASE_URL: 'sqlite:/proc/x/paperboy.db' })
      const cannot =
        'cannot open the database (sqlite:/proc/x/paperboy.db): ' + 'cannot create the folder /proc/x (ENOENT)'
      expect(oneLineFailure(run)).toBe(`paperboy: ${cannot}`)
    },
  )

  describe('a mistake in the arguments of ingest', () => {
    const database = tempDatabase()
    const mistakes: [args: string[], message: string][] = [
      [['ingest', 'arxiv'], `unknown source "arxiv": use one of ${SOURCE_NAMES.join(', ')}, or "status"`],
      [['ingest', 'hf-daily', '--base-url', 'file:///etc/x'], '--base-url must be an http(s) URL: file:///etc/x'],
      [['ingest', 'arxiv-oai', '--base-url', 'localhost:8080'], '--base-url must be an http(s) URL: localhost:8080'],
      [['ingest', 'hf-daily', '--from', '2024-13-01'], '--from must be a day as YYYY-MM-DD, not "2024-13-01"'],
      [['ingest', 'snapshot'], 'snapshot needs --file <arxiv-metadata-oai-snapshot.json[.gz]>'],
      [['ingest', 'arxiv-api', '--catgory', 'cs.LG'], "unknown option '--catgory' (Did you mean --category?)"],
      [['ingest'], "missing required argument 'source'"],
    ]

    it.each(mistakes)('is a usage error: exit 2 and one line (%j)', async (args, message) => {
      const run = await paperboy(args, { DATABASE_URL: database })
      expect(oneLineFailure(run)).toBe(`paperboy: ${message}`)
      expect(run.code).toBe(2)
    })

    it('records no ingest run', async () => {
      await paperboy(['ingest', 'hf-daily', '--base-url', 'file:///etc/passwd'], { DATABASE_URL: database })
      const status = await paperboy(['ingest', 'status'], { DATABASE_URL: database })
      expect(status.code, status.stderr).toBe(0)
      expect(status.stdout.trim()).toBe('No ingest runs yet.')
    })
  })

  describe('thumbnails fetch', () => {
    const cdn = new FaultServer()
    afterAll(() => cdn.stop())

    it('copies pending thumbnails and reports each failure on stderr', async () => {
      await cdn.start()
      const png = new Resvg('<svg xmlns="http://www.w3.org/2000/svg" width="32" height="18"/>').render().asPng()
      cdn
        .on('/ok.png', { body: png, headers: { 'content-type': 'image/png' } })
        .on('/page.png', { body: '<html></html>', headers: { 'content-type': 'text/html' } })
      const url = tempDatabase()
      const db = connect(url)
      await migrateToLatest(db)
      await upsertPapers(db, [
        { id: '2601.00001', title: 'One', thumbnail: `${cdn.url}/ok.png` },
        { id: '2601.00002', title: 'Two', thumbnail: `${cdn.url}/page.png` },
      ])
      await db.close()
      const run = await paperboy(['thumbnails', 'fetch'], { DATABASE_URL: url })
      expect(run.code, run.stderr).toBe(0)
      expect(run.stderr).toBe(`${cdn.url}/page.png: not an image (text/html)\n`)
      expect(run.stdout.trim()).toBe('Thumbnails: 1 stored, 1 failed')
    })

    it.each([
      [['thumbnails', 'fetch', '--limit', '0'], '--limit must be a whole number above 0, not "0"'],
      [['thumbnails', 'clean'], "unknown command 'clean'"],
    ])('stops %j with one line and the usage status, 2', async (args, message) => {
      const run = await paperboy(args, { DATABASE_URL: tempDatabase() })
      expect(oneLineFailure(run)).toBe(`paperboy: ${message}`)
      expect(run.code).toBe(2)
    })
  })

  describe('demo', () => {
    const today = new Date().toISOString().slice(0, 10)
    const lastDay = join(HF_DAILY_DIR, '2026-08-21.json')
    const ok = (run: Run) => {
      expect(run.code, run.stderr).toBe(0)
      expect(run.stderr).toBe('')
      return run.stdout.trim()
    }

    // Five runs in a row, each compiling the sources: longer than one test's usual allowance.
    it(
      'loads and removes the demo set by hand, one line each, harmless to repeat',
      { timeout: 6 * SPAWN_TIMEOUT_MS },
      async () => {
        const env = { DATABASE_URL: tempDatabase() }
        expect(ok(await paperboy(['demo', 'remove'], env))).toBe('The demo set is not loaded; nothing to remove.')
        expect(ok(await paperboy(['demo', 'load'], env))).toBe(
          `Loaded the demo set: 96 papers featured on ${today} (96 new to the catalog).`,
        )
        expect(ok(await paperboy(['demo', 'load'], env))).toBe(
          `The demo set is already loaded (featured on ${today}); nothing to do.`,
        )
        expect(ok(await paperboy(['demo', 'remove'], env))).toBe('Removed the demo set: 96 demo papers deleted.')
        expect(ok(await paperboy(['demo', 'remove'], env))).toBe('The demo set is not loaded; nothing to remove.')
      },
    )

    it(
      'steps aside for an import, and refuses to load beside real days',
      { timeout: 5 * SPAWN_TIMEOUT_MS },
      async () => {
        const env = { DATABASE_URL: tempDatabase() }
        ok(await paperboy(['demo', 'load'], env))
        expect(ok(await paperboy(['import', lastDay], env))).toMatch(
          /\nThe demo papers stepped aside for the imported days\.$/,
        )
        expect(ok(await paperboy(['demo', 'remove'], env))).toBe('The demo set is not loaded; nothing to remove.')
        const line = oneLineFailure(await paperboy(['demo', 'load'], env))
        expect(line).toBe(
          'paperboy: the catalog already has real featured papers; the demo set is only for a site without them',
        )
      },
    )

    it('explains itself with --help', async () => {
      const commands = [['demo'], ['demo', 'load'], ['demo', 'remove']]
      const runs = await Promise.all(commands.map((command) => paperboy([...command, '--help'])))
      runs.forEach((run, i) => {
        expect(run.code).toBe(0)
        expect(run.stdout).toContain(`Usage: paperboy ${commands[i]!.join(' ')}`)
      })
    })
  })

  describe('ingest arxiv-api --missing', () => {
    const server = new FaultServer()
    beforeAll(() => server.start())
    afterAll(() => server.stop())

    it(
      'asks arXiv about the demo papers that lack authors, categories or dates, and reports the ids it did not know',
      { timeout: 3 * SPAWN_TIMEOUT_MS },
      async () => {
        const env = { DATABASE_URL: tempDatabase(), ARXIV_DELAY_MS: '0' }
        await paperboy(['demo', 'load'], env)
        // The demo's ids are not among the recordings: arXiv's answer here is a recorded empty feed.
        server.on('/missing', { file: recording('arxiv-atom-api/current-format_id-list_0000.0000_empty.xml') })
        const run = await paperboy(['ingest', 'arxiv-api', '--missing', '--base-url', `${server.url}/missing`], env)
        expect(run.code, run.stderr).toBe(0)
        expect(run.stdout).toMatch(/^arxiv-api: 0 new, 0 updated, 0 unchanged, 61 skipped in \d+\.\d s \(run \d+\)\n$/)
        const lines = run.stderr.split('\n').filter(Boolean)
        expect(
          lines.slice(0, -1).every((l) => /^skipped \d{4}\.\d{4,5}: arXiv returned no paper for this id$/.test(l)),
          run.stderr,
        ).toBe(true)
        expect(lines.at(-1)).toBe('… and 41 more')
        const asked = server.requests
          .filter((r) => r.path === '/missing')
          .map((r) => r.query.get('id_list')!.split(','))
        expect(asked).toHaveLength(1)
        expect(asked[0]).toContain('2306.02320')
      },
    )

    it('is refused for another source, in one line', async () => {
      const line = oneLineFailure(await paperboy(['ingest', 'hf-daily', '--missing'], { DATABASE_URL: tempDatabase() }))
      expect(line).toBe('paperboy: --missing applies to arxiv-api only')
    })
  })

  it('migrates a new database once, then says it is up to date', async () => {
    const env = { DATABASE_URL: tempDatabase() }
    const first = await paperboy(['migrate'], env)
    expect(first.code, first.stderr).toBe(0)
    expect(first.stdout).toMatch(/^Applied \d{4}-\d{2}-\d{2}-/)
    const again = await paperboy(['migrate'], env)
    expect(again.code, again.stderr).toBe(0)
    expect(again.stdout.trim()).toBe('Database is up to date')
  })

  describe('--help', () => {
    it('lists the commands and exits 0', async () => {
      const run = await paperboy(['--help'])
      expect(run.code).toBe(0)
      for (const command of ['serve', 'migrate', 'import'])
        expect(run.stdout).toMatch(new RegExp(`^ {2}${command}\\b`, 'm'))
    })

    it('exits 0 with the usage of every listed command', async () => {
      const commands = [...(await paperboy(['--help'])).stdout.matchAll(/^ {2}([a-z]+)\b/gm)]
        .map((m) => m[1]!)
        .filter((c) => c !== 'help')
      expect(commands.length).toBeGreaterThanOrEqual(3)
      const runs = await Promise.all(commands.map((command) => paperboy([command, '--help'])))
      runs.forEach((run, i) => {
        expect(run.code, commands[i]).toBe(0)
        expect(run.stdout).toContain(`Usage: paperboy ${commands[i]}`)
        expect(run.stderr).toBe('')
      })
    })
  })
})
