import type { IngestSettings } from './settings.js'
import { PoliteClient } from './polite-client.js'
import type { PaperSource, SourceName } from './source.js'
import { arxivApiSource } from './sources/arxiv-api.js'
import { arxivOaiSource } from './sources/arxiv-oai.js'
import { arxivRssSource } from './sources/arxiv-rss.js'
import { hfDailySource } from './sources/hf-daily.js'
import { snapshotSource } from './sources/snapshot.js'

const USER_AGENT = 'Paperboy (self-hosted research paper hub; https://github.com/paperboy)'
const TIMEOUT_MS = 60_000
const HF_DELAY_MS = 1000 // Hugging Face publishes no limit; one request a second is gentle

export interface Sources {
  get(name: SourceName, baseUrl?: string): PaperSource
  /** The shared arXiv client: arXiv's limit covers all of its services together. */
  arxivClient: PoliteClient
}

/** A client with Paperboy's user agent, timeout and backoff, one request per `minIntervalMs`. */
export function createPoliteClient(minIntervalMs: number): PoliteClient {
  return new PoliteClient({
    minIntervalMs,
    timeoutMs: TIMEOUT_MS,
    maxRetries: 4,
    backoffBaseMs: Math.max(1000, minIntervalMs),
    maxRetryAfterMs: 10 * 60_000,
    userAgent: USER_AGENT,
  })
}

/**
 * Builds the sources from the settings. All arXiv sources share one client, so the process as a
 * whole never exceeds one request per ARXIV_DELAY_MS to arXiv, whichever sources run.
 */
export function createSources(config: IngestSettings): Sources {
  const polite = createPoliteClient
  const arxivClient = polite(config.arxivDelayMs)
  const hfClient = polite(HF_DELAY_MS)
  return {
    arxivClient,
    get(name, baseUrl) {
      switch (name) {
        case 'arxiv-api':
          return arxivApiSource(arxivClient, baseUrl ?? config.arxivApiUrl)
        case 'arxiv-oai':
          return arxivOaiSource(arxivClient, baseUrl ?? config.arxivOaiUrl)
        case 'arxiv-rss':
          return arxivRssSource(arxivClient, baseUrl ?? config.arxivRssUrl)
        case 'hf-daily':
          return hfDailySource(hfClient, baseUrl ?? config.hfApiUrl)
        case 'snapshot':
          return snapshotSource()
      }
    },
  }
}
