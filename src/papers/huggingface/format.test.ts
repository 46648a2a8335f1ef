import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { HF_DAILY_DIR } from '../../../test/support/env.js'
import { hfDailyItem } from './format.js'

const recordedItem = () => JSON.parse(readFileSync(join(HF_DAILY_DIR, '2025-03-17.json'), 'utf8'))[0]

function importedLinks(links: { githubRepo?: string; projectPage?: string; thumbnail?: string }) {
  const item = recordedItem()
  Object.assign(item.paper, { githubRepo: links.githubRepo, projectPage: links.projectPage })
  item.thumbnail = links.thumbnail
  const { paper, thumbnail } = hfDailyItem.parse(item)
  return { githubRepo: paper.githubRepo, projectPage: paper.projectPage, thumbnail }
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
