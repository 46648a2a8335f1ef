import { describe, expect, it } from 'vitest'
import { ConfigError } from '../config.js'
import { loadIngestSettings, parseBaseUrl } from './settings.js'

describe('ingest settings', () => {
  it('has a default for everything', () => {
    expect(loadIngestSettings({})).toEqual({
      sources: ['arxiv-rss', 'hf-daily'],
      feature: ['hf-daily'],
      categories: ['cs.AI', 'cs.CL', 'cs.CV', 'cs.LG', 'stat.ML'],
      schedule: '30 1,7,13,19 * * *',
      arxivApiUrl: 'https://export.arxiv.org/api/query',
      arxivOaiUrl: 'https://oaipmh.arxiv.org/oai',
      arxivRssUrl: 'https://rss.arxiv.org',
      hfApiUrl: 'https://huggingface.co',
      arxivDelayMs: 3000,
    })
  })

  it('reads each variable, and drops a trailing slash from addresses', () => {
    const settings = loadIngestSettings({
      INGEST_SOURCES: 'arxiv-oai, hf-daily',
      INGEST_FEATURE: 'arxiv-rss',
      INGEST_CATEGORIES: 'hep-th,cs.LG',
      INGEST_SCHEDULE: '0 2 * * *',
      ARXIV_API_URL: 'http://mirror.example.org/api/',
      HF_API_URL: 'https://hf.example.org//',
      ARXIV_DELAY_MS: '5000',
    })
    expect(settings).toMatchObject({
      sources: ['arxiv-oai', 'hf-daily'],
      feature: ['arxiv-rss'],
      categories: ['hep-th', 'cs.LG'],
      schedule: '0 2 * * *',
      arxivApiUrl: 'http://mirror.example.org/api',
      hfApiUrl: 'https://hf.example.org',
      arxivDelayMs: 5000,
    })
    expect(Object.isFrozen(settings)).toBe(true)
  })
})

describe('a wrong ingest setting', () => {
  const cases: [variable: string, value: string][] = [
    ['INGEST_SOURCES', 'arxiv-rss,arxiv'],
    ['INGEST_SOURCES', 'snapshot'],
    ['INGEST_FEATURE', 'hf'],
    ['INGEST_CATEGORIES', 'cs.LG;stat.ML'],
    ['INGEST_SCHEDULE', 'every day'],
    ['ARXIV_API_URL', 'file:///var/arxiv'],
    ['ARXIV_OAI_URL', 'oaipmh.arxiv.org/oai'],
    ['ARXIV_RSS_URL', 'ftp://rss.arxiv.org'],
    ['HF_API_URL', ''],
    ['ARXIV_DELAY_MS', '-1'],
  ]

  it.each(cases)('stops the start with one line naming %s (%j)', (variable, value) => {
    let error: unknown
    try {
      loadIngestSettings({ [variable]: value })
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(ConfigError)
    expect((error as ConfigError).message).toMatch(new RegExp(`^Invalid setting ${variable}: \\S[^\\n]*$`))
  })
})

describe('--base-url', () => {
  it('takes an http(s) address', () => {
    expect(parseBaseUrl('http://127.0.0.1:8080/api/')).toEqual({ url: 'http://127.0.0.1:8080/api' })
    expect(parseBaseUrl('https://mirror.example.org')).toEqual({ url: 'https://mirror.example.org' })
  })

  const notHttp = ['file:///tmp/feed.xml', 'localhost:8080', 'mirror.example.org', '', 'javascript:alert(1)']
  it.each(notHttp)('refuses %j', (value) => {
    expect(parseBaseUrl(value)).toEqual({ error: `--base-url must be an http(s) URL: ${value}` })
  })
})
