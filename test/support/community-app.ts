import pino from 'pino'
import { createApp } from '../../src/app.js'
import { loadConfig } from '../../src/config.js'
import { createApiToken } from '../../src/community/accounts/api-tokens.js'
import type { PaperLookup } from '../../src/papers/lookup.js'
import type { PaperRecord } from '../../src/papers/model.js'
import { upsertPapers } from '../../src/papers/upsert.js'
import type { Db } from '../../src/platform/db/connect.js'
import { createRateLimits } from '../../src/platform/http/rate-limit.js'
import type { SignedIn } from './accounts.js'

/** What the submissions, collections and profiles tests share: an app on a fixed clock, papers, tokens. */

export const BASE_URL = 'https://papers.example.org'
export const config = loadConfig({ BASE_URL, LOG_LEVEL: 'silent', ACCESS_LOG: 'false' })

export function communityApp(db: Db, now: () => number, lookup?: PaperLookup) {
  return createApp({ config, db, logger: pino({ level: 'silent' }), now, lookup, rateLimits: createRateLimits() })
}

/** Papers in the catalog, unfeatured: `id`, a title made from it, and the arXiv date given. */
export async function catalogPapers(db: Db, papers: { id: string; publishedAt: string; title?: string }[]) {
  const records: PaperRecord[] = papers.map((p) => ({
    id: p.id,
    title: p.title ?? `A study numbered ${p.id}`,
    abstract: 'We study things.',
    publishedAt: p.publishedAt,
    authors: ['Ann Author'],
  }))
  const result = await upsertPapers(db, records)
  if (result.problems.length > 0) throw new Error(JSON.stringify(result.problems))
}

/** A personal access token of `who`, as an Authorization header. */
export async function bearer(db: Db, who: SignedIn): Promise<Record<string, string>> {
  const { token } = await createApiToken(db, who.user.id, 'test', new Date().toISOString())
  return { authorization: `Bearer ${token}` }
}

/** A JSON API request as `headers`' token holder. */
export function jsonRequest(method: string, body: unknown, headers: Record<string, string> = {}): RequestInit {
  return {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  }
}
