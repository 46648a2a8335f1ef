// `npm run bench -- <name> [options]`: runs bench/<name>.ts, prints progress on stderr and one JSON
// line of figures on stdout, and appends that line (with date, commit and machine) to
// bench/results/<name>.jsonl.
import { execSync } from 'node:child_process'
import { appendFileSync, existsSync, mkdirSync } from 'node:fs'
import { cpus } from 'node:os'
import { buildIfStale } from '../scripts/build.js'

export type Figures = Record<string, number | string | boolean>
export type Benchmark = (options: Record<string, string>) => Promise<Figures>

const [name, ...rest] = process.argv.slice(2)
const benchmarks = ['pages', 'ingest', 'search', 'relevance', 'votes', 'crash', 'digest', 'digest-crash', 'alerts']
if (!name || !benchmarks.includes(name)) {
  process.stderr.write(`usage: npm run bench -- <${benchmarks.join('|')}> [--option value]\n`)
  process.exit(1)
}
const options = parseOptions(rest)
// The servers and importers under load run the compiled build, as `npm start` does.
if (buildIfStale()) process.stderr.write('built dist/\n')
const { run } = (await import(`./${name}.ts`)) as { run: Benchmark }
const figures = await run(options)
const line = JSON.stringify(figures)
console.log(line)

const dir = new URL('./results/', import.meta.url)
if (!existsSync(dir)) mkdirSync(dir)
const commit = (() => {
  try {
    return execSync('git rev-parse --short HEAD', { stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim()
  } catch {
    return 'unknown'
  }
})()
const record = {
  date: new Date().toISOString(),
  commit,
  machine: `${cpus()[0]?.model} × ${cpus().length}`,
  node: process.version,
  options,
  figures,
}
appendFileSync(new URL(`${name}.jsonl`, dir), `${JSON.stringify(record)}\n`)

/** `--n 100000 --db sqlite` → { n: '100000', db: 'sqlite' }; a bare `--flag` is 'true'. */
function parseOptions(args: string[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (let i = 0; i < args.length; i++) {
    const key = args[i]!.replace(/^--/, '')
    const value = args[i + 1]
    if (value === undefined || value.startsWith('--')) out[key] = 'true'
    else {
      out[key] = value
      i++
    }
  }
  return out
}
