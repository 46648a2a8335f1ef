// What the benchmarks share: a scratch database of either kind, and the generated corpus they load.
import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import pg from 'pg'

const run = promisify(execFile)
const POSTGRES_ADMIN_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'

export interface ScratchDatabase {
  url: string
  drop: () => Promise<void>
}

/** An empty database for one benchmark run: a temporary SQLite file or a new PostgreSQL database. */
export async function scratchDatabase(kind: string, name: string): Promise<ScratchDatabase> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), `paperboy-${name}-`))
    return { url: `sqlite:${join(dir, 'bench.db')}`, drop: async () => rmSync(dir, { recursive: true, force: true }) }
  }
  const database = `paperboy_${name.replaceAll('-', '_')}_${process.pid}`
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL })
    await client.connect()
    await client.query(statement).finally(() => client.end())
  }
  await admin(`DROP DATABASE IF EXISTS ${database}`)
  await admin(`CREATE DATABASE ${database}`)
  const url = new URL(POSTGRES_ADMIN_URL)
  url.pathname = `/${database}`
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`) }
}

/**
 * The snapshot corpus of n papers for a seed, generated on first use into bench/out/ and reused.
 * Generated in a process of its own: Linux carries a parent's peak RSS into the children it forks,
 * so the benchmark's process must stay small for its import workers' figures to be their own.
 */
export async function corpusFile(n: number, seed: number, log: (message: string) => void): Promise<string> {
  const file = new URL(`./out/corpus-${n}-${seed}.jsonl`, import.meta.url).pathname
  if (!existsSync(file)) {
    log(`generating ${n} papers into ${file}`)
    await run(process.execPath, [
      '--import',
      'tsx',
      'bench/corpus.ts',
      '--n',
      `${n}`,
      '--seed',
      `${seed}`,
      '--out',
      file,
    ])
  }
  return file
}
