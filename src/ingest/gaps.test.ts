import { describe, expect, it } from 'vitest'
import type { Paper, PaperRecord } from '../papers/model.js'
import { fillGaps } from './gaps.js'
import { aPaper } from '../../test/support/paper.js'

const bare: Paper = aPaper({ id: '2306.02320', title: 'As the demo has it', abstract: 'A stored abstract.' })
const arxiv: PaperRecord = {
  id: '2306.02320',
  title: 'As arXiv has it',
  abstract: 'arXiv’s abstract.',
  authors: ['Ann Author', 'Bo Author'],
  categories: ['cs.LG', 'stat.ML'],
  publishedAt: '2023-06-04T10:00:00.000Z',
  updatedAt: '2023-06-05T10:00:00.000Z',
  version: 2,
  comments: '12 pages',
  doi: '10.1000/x',
}

describe('filling gaps from arXiv', () => {
  it('fills what the catalog lacks and keeps the stored title and abstract', () => {
    expect(fillGaps(bare, arxiv)).toEqual({
      id: bare.id,
      title: 'As the demo has it',
      authors: ['Ann Author', 'Bo Author'],
      categories: ['cs.LG', 'stat.ML'],
      publishedAt: '2023-06-04T10:00:00.000Z',
      updatedAt: '2023-06-05T10:00:00.000Z',
      version: 2,
      comments: '12 pages',
      doi: '10.1000/x',
    })
  })

  it('changes nothing a paper already has', () => {
    const complete: Paper = {
      ...bare,
      authors: [{ name: 'Someone Else', hidden: false }],
      categories: ['cs.CV'],
      publishedAt: '2023-06-01T00:00:00.000Z',
      updatedAt: '2023-06-01T00:00:00.000Z',
      version: 1,
      comments: 'c',
      doi: 'd',
    }
    expect(fillGaps(complete, arxiv)).toEqual({ id: bare.id, title: bare.title })
  })

  it('fills an empty abstract', () => {
    expect(fillGaps({ ...bare, abstract: '' }, arxiv).abstract).toBe('arXiv’s abstract.')
  })
})
