import { spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { prepareVotes, voteStorm, percentile } from './bench/vote-storm.js'
const dir = mkdtempSync(join(tmpdir(), 'prof-'))
const url = `sqlite:${join(dir, 'v.db')}`
const { voters, paperIds } = await prepareVotes(url, { voters: 100, papers: 50 })
const port = 3987
const child = spawn(process.execPath, ['--cpu-prof', '--cpu-prof-dir=/tmp/prof', 'bin/paperboy.js', 'serve'], { env: { ...process.env, DATABASE_URL: url, PORT: String(port), BASE_URL: `http://127.0.0.1:${port}`, LOG_LEVEL: 'error', ACCESS_LOG: 'false' }, stdio: ['ignore', 'ignore', 'inherit'] })
for (;;) { try { if ((await fetch(`http://127.0.0.1:${port}/readyz`)).ok) break } catch {} await new Promise((r) => setTimeout(r, 100)) }
const r = await voteStorm(`http://127.0.0.1:${port}`, voters, paperIds, 100)
console.log('acknowledged', r.acknowledged, 'per s', (r.acknowledged / r.seconds).toFixed(0), 'p99', percentile(r.latenciesMs, 99).toFixed(1), 'failures', [...r.failures])
child.kill('SIGINT')
await new Promise((r) => child.once('exit', r))
