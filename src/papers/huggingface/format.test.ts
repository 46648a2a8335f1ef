import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { HF_DAILY_DIR } from '../../../test/support/env.js'
import { hfRecord } from '../../../test/support/recorded.js'
import { readHfItem } from './format.js'

const recordedItem = () => JSON.parse(readFileSync(join(HF_DAILY_DIR, '2025-03-17.json'), 'utf8'))[0]

function importedLinks(links: { githubRepo?: string; projectPage?: string; thumbnail?: string }) {
  const item = recordedItem()
  Object.assign(item.paper, { githubRepo: links.githubRepo, projectPage: links.projectPage })
  item.thumbnail = links.thumbnail
  const { githubRepo, projectPage, thumbnail } = hfRecord(item)
  return { githubRepo, projectPage, thumbnail }
}

describe('links in imported Hugging Face items', () => {
  it('keeps http and https links', () => {
    expect(
      importedLinks({
        githubRepo: 'https://github.com/a/b',
        projectPage: 'http://example.org/p',
        thumbnail: 'https://cdn.example/t.png',
      }),
    ).toEqual({
      githubRepo: 'https://github.com/a/b',
      projectPage: 'http://example.org/p',
      thumbnail: 'https://cdn.example/t.png',
    })
  })

  it('keeps a link broken over two lines, joined as a browser joins it', () => {
    expect(importedLinks({ githubRepo: 'https://github.com/\nFightingFighting/NeuroAda.git' }).githubRepo).toBe(
      'https://github.com/FightingFighting/NeuroAda.git',
    )
    expect(importedLinks({ projectPage: ' https://sites.google.com/view/adc-robot' }).projectPage).toBe(
      'https://sites.google.com/view/adc-robot',
    )
  })

  it('drops javascript:, data: and other non-web links, however they are spelled', () => {
    for (const link of [
      'javascript:alert(1)',
      'JavaScript:alert(1)',
      'java\nscript:alert(1)',
      ' javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'ftp://example.org',
      '//evil.example',
      'https://exa mple.org',
      '',
    ]) {
      expect(importedLinks({ githubRepo: link, projectPage: link, thumbnail: link }), JSON.stringify(link)).toEqual({
        githubRepo: undefined,
        projectPage: undefined,
        thumbnail: undefined,
      })
    }
  })
})

describe('reading a Hugging Face item', () => {
  const read = (change: (item: Record<string, any>) => void, position = 3) => {
    const item = recordedItem()
    change(item)
    return readHfItem(item, position)
  }
  const problem = (change: (item: Record<string, any>) => void) => {
    const result = read(change)
    return 'problem' in result ? result.problem : 'read'
  }

  it('reads a recorded item into a record featured on its day, at its position', () => {
    const record = hfRecord(recordedItem(), 3)
    expect(record).toMatchObject({
      id: '2503.07677',
      title: 'PLADIS: Pushing the Limits of Attention in Diffusion Models at Inference\n  Time by Leveraging Sparsity',
      publishedAt: '2025-03-10T07:23:19.000Z',
      counts: { upvotes: 46, numComments: 1 },
      observedAt: '2025-03-17T00:44:05.364Z',
      featuring: {
        featuredOn: '2025-03-17',
        source: 'hf',
        position: 3,
        submittedAt: '2025-03-17T00:44:05.364Z',
        submittedBy: { name: 'kwanyoung', fullname: 'Kwanyoung', type: 'user', isPro: false },
      },
    })
    expect(record.authors).toHaveLength(2)
    // Unknown keys (isHf, followerCount) are not carried along; absent values are absent keys.
    expect(record.featuring!.submittedBy).not.toHaveProperty('isHf')
    expect(Object.values(record)).not.toContain(undefined)
  })

  it('keeps the canonical id, the trimmed title and the shown authors, and reads times into UTC', () => {
    const record = hfRecord(
      Object.assign(recordedItem(), {
        submittedBy: undefined,
      }),
    )
    expect(record.featuring!.submittedBy).toMatchObject({ name: 'kwanyoung' })
    const changed = read((item) => {
      item.paper.id = ' 2503.07677 '
      item.paper.title = '  A title  '
      item.paper.authors = [{ name: ' Ada ' }, { name: 'Hidden', hidden: true }, { name: '  ' }]
      item.paper.publishedAt = '2025-03-10T09:23:19+02:00'
      item.paper.withdrawnAt = '2025-04-01T00:00:00.000Z'
      delete item.paper.summary
      delete item.numComments
    })
    expect(changed).toMatchObject({
      record: {
        id: '2503.07677',
        title: 'A title',
        authors: ['Ada'],
        abstract: '',
        publishedAt: '2025-03-10T07:23:19.000Z',
        withdrawn: true,
        counts: { numComments: 0 },
      },
    })
  })

  it('names the first flawed value of an item by its path', () => {
    expect(readHfItem(null, 0)).toEqual({ problem: 'item: expected an object' })
    expect(readHfItem([], 0)).toEqual({ problem: 'item: expected an object' })
    expect(problem((item) => delete item.paper)).toBe('paper: expected an object')
    expect(problem((item) => (item.paper.id = 'not-an-id'))).toBe('paper.id: not an arXiv id')
    expect(problem((item) => (item.paper.id = '2503.07677v2'))).toBe('paper.id: not an arXiv id')
    expect(problem((item) => (item.paper.id = 2503.07677))).toBe('paper.id: expected a string')
    expect(problem((item) => (item.paper.title = ' \n '))).toBe('paper.title: empty title')
    expect(problem((item) => (item.paper.summary = null))).toBe('paper.summary: expected a string')
    expect(problem((item) => (item.paper.authors = 'Ada'))).toBe('paper.authors: expected a list')
    expect(problem((item) => (item.paper.authors[1].name = 7))).toBe('paper.authors.1.name: expected a string')
    expect(problem((item) => (item.paper.authors[0].hidden = 'no'))).toBe(
      'paper.authors.0.hidden: expected true or false',
    )
    for (const upvotes of [-1, 1.5, '3', 2 ** 60, null]) {
      expect(problem((item) => (item.paper.upvotes = upvotes))).toMatch(/^paper\.upvotes: /)
    }
    expect(problem((item) => (item.numComments = -2))).toMatch(/^numComments: /)
    expect(problem((item) => (item.paper.ai_keywords = ['a', 3]))).toBe('paper.ai_keywords.1: expected a string')
    expect(problem((item) => (item.paper.githubRepo = 42))).toBe('paper.githubRepo: expected a string')
    expect(problem((item) => (item.organization = { name: '' }))).toBe('organization.name: empty name')
    expect(problem((item) => (item.submittedBy.isPro = 'yes'))).toBe('submittedBy.isPro: expected true or false')
  })

  it('takes only dates the calendar has, with seconds and a zone', () => {
    const publishedAt = (value: string) => problem((item) => (item.paper.publishedAt = value))
    for (const good of ['2024-02-29T00:00:00Z', '2000-02-29T23:59:59.5+14:00', '2025-12-31T23:59:59.999999-05:30'])
      expect(publishedAt(good), good).toBe('read')
    for (const bad of [
      '2025-02-29T00:00:00Z',
      '1900-02-29T00:00:00Z',
      '2025-04-31T00:00:00Z',
      '2025-03-17T24:00:00Z',
      '2025-03-17T12:00Z',
      '2025-03-17T12:00:00',
      '2025-03-17',
      '2025-03-17T12:00:00+2400',
      '20250317T120000Z',
      '',
    ])
      expect(publishedAt(bad), bad).toMatch(/^paper\.publishedAt: /)
  })
})
