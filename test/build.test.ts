import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { recording } from './support/ingest.js'

/** What `npm start` and `npx paperboy` run: bin/paperboy.js, which runs the compiled dist/. */
const ROOT = fileURLToPath(new URL('..', import.meta.url))
const BUILD_TIMEOUT_MS = 240_000 // three `tsc` builds on a busy two-core machine
const START_TIMEOUT_MS = 30_000

const temp = mkdtempSync(join(tmpdir(), 'paperboy-build-'))
afterAll(() => rmSync(temp, { recursive: true, force: true }))

const cleanEnv = (env: Record<string, string>) => ({
  PATH: process.env.PATH ?? '',
  HOME: process.env.HOME ?? '',
  LOG_LEVEL: 'info',
  ...env,
})

describe('the build', { timeout: BUILD_TIMEOUT_MS }, () => {
  /** A copy of the project's sources beside the shared node_modules, so its dist/ is its own. */
  const project = join(temp, 'project')
  for (const path of ['src', 'scripts', 'bin', 'tsconfig.json', 'tsconfig.build.json', 'package.json']) {
    cpSync(join(ROOT, path), join(project, path), { recursive: true })
  }
  symlinkSync(join(ROOT, 'node_modules'), join(project, 'node_modules'))
  const probe = join(project, 'src', 'build-probe.ts')
  const build = () => spawnSync(process.execPath, ['scripts/build.js'], { cwd: project, encoding: 'utf8' })
  const startBuild = () =>
    new Promise<number | null>((resolve) => {
      spawn(process.execPath, ['scripts/build.js'], { cwd: project, stdio: 'ignore' }).on('close', resolve)
    })
  const built = (path: string) => join(project, 'dist', path)

  it('compiles src/ with its static files, rebuilds only when a source changes, and drops deleted modules', async () => {
    writeFileSync(probe, "export const probe = 'first'\n")
    // Commands started together after a change share one build.
    expect(await Promise.all([startBuild(), startBuild(), startBuild()])).toEqual([0, 0, 0])
    expect(readFileSync(built('build-probe.js'), 'utf8')).toContain("'first'")
    expect(existsSync(built('cli.js'))).toBe(true)
    expect(readFileSync(built('platform/views/static/app.css'), 'utf8')).toBe(
      readFileSync(join(project, 'src/platform/views/static/app.css'), 'utf8'),
    )
    expect(existsSync(built('papers/period.test.js')), 'tests are not compiled').toBe(false)

    const stamp = statSync(built('.fingerprint')).mtimeMs
    expect(build().status).toBe(0)
    expect(statSync(built('.fingerprint')).mtimeMs, 'unchanged sources: no build').toBe(stamp)

    rmSync(probe)
    expect(build().status).toBe(0)
    expect(existsSync(built('build-probe.js'))).toBe(false)
  })

  it('stops with the compiler errors and keeps the last good build when a source does not compile', () => {
    writeFileSync(probe, 'export const probe = (\n')
    const broken = build()
    rmSync(probe)
    expect(broken.status).toBe(1)
    expect(broken.stderr).toContain('src/build-probe.ts')
    expect(broken.stderr.trim().split('\n').at(-1)).toBe('paperboy: the TypeScript build failed (the errors are above)')
    expect(existsSync(built('cli.js'))).toBe(true)
  })
})

describe('the compiled server and CLI', { timeout: BUILD_TIMEOUT_MS }, () => {
  let server: ChildProcess | undefined
  afterAll(() => void server?.kill())

  it('serves pages and their static files from dist/', async () => {
    const port = 20_000 + (process.pid % 20_000)
    server = spawn(process.execPath, ['bin/paperboy.js', 'serve'], {
      cwd: ROOT,
      env: cleanEnv({ PORT: String(port), DATABASE_URL: `sqlite:${join(temp, 'serve.db')}` }),
    })
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the server did not start')), START_TIMEOUT_MS)
      server!.stdout!.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('is running at')) (clearTimeout(timer), resolve())
      })
      server!.once('exit', (code) => reject(new Error(`serve exited with ${code}`)))
    })
    const home = await fetch(`http://127.0.0.1:${port}/`)
    expect(home.status).toBe(200)
    const html = await home.text()
    const stylesheet = html.match(/<link rel="stylesheet" href="([^"]+)"/)?.[1]
    expect(stylesheet).toMatch(/^\/static\/app\.[0-9a-f]+\.css$/)
    const css = await fetch(`http://127.0.0.1:${port}${stylesheet}`)
    expect(css.status).toBe(200)
    expect(css.headers.get('content-type')).toMatch(/^text\/css/)
  })

  it('imports a snapshot with its parsing thread started from dist/', () => {
    const file = recording('arxiv-snapshot/arxiv-metadata-oai-snapshot_head-200_2025-10.jsonl')
    const run = spawnSync(process.execPath, ['bin/paperboy.js', 'ingest', 'snapshot', '--file', file], {
      cwd: ROOT,
      encoding: 'utf8',
      env: cleanEnv({ DATABASE_URL: `sqlite:${join(temp, 'ingest.db')}`, LOG_LEVEL: 'warn' }),
    })
    expect(run.status, run.stderr).toBe(0)
    expect(run.stdout + run.stderr).toMatch(/\b200 new\b/)
  })
})
