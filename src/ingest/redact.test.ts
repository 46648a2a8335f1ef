import { describe, expect, it } from 'vitest'
import { redactLocations } from './redact.js'

describe('redactLocations', () => {
  it('shows a snapshot file by its name and size, not where the server keeps it', () => {
    expect(redactLocations('/srv/paperboy/data/arxiv-metadata-oai-snapshot.json 4812034')).toBe(
      'arxiv-metadata-oai-snapshot.json 4812034',
    )
    expect(redactLocations("ENOENT: no such file or directory, stat '/home/ops/snap.jsonl.gz'")).toBe(
      "ENOENT: no such file or directory, stat 'snap.jsonl.gz'",
    )
  })

  it('shows a mirror by its host, without path, query or credentials', () => {
    expect(
      redactLocations('HTTP 503 from http://user:pw@mirror.internal:8080/oai?verb=ListRecords after 3 attempts'),
    ).toBe('HTTP 503 from mirror.internal:8080 after 3 attempts')
    expect(redactLocations('fetch failed (file:///var/lib/paperboy/feed.xml)')).toBe('fetch failed (feed.xml)')
  })

  it('leaves arXiv ids, categories, sets and dates alone', () => {
    for (const text of ['ids:2104.12255,hep-th/9901001', 'set:physics:hep-th 2024-01-01/2024-01-31', 'cs.LG stat.ML']) {
      expect(redactLocations(text)).toBe(text)
    }
  })
})
