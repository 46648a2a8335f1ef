import { describe, expect, it } from 'vitest'
import { findProblem } from './well-formed-url.js'

describe('a request target that is not text', () => {
  it.each([
    ['/api/daily_papers?submitter=%00', /control character/],
    ['/papers/date/2026%0001', /control character/],
    ['/search?q=a%1Bb', /control character/],
    ['/search?q=%7F', /control character/],
    ['/search?q=100%', /percent/],
    ['/papers/date/%zz', /percent/],
    ['/search?q=%FF', /percent/],
    ['/search?q=%ED%A0%80', /percent/], // an encoded lone surrogate is not UTF-8
    ['/search?q=%C0%AF', /percent/], // an overlong encoding of "/"
    ['/search?%00=x', /control character/],
    ['/search?q=\ud800', /surrogate/],
  ])('is refused: %s', (target, reason) => {
    expect(findProblem(target)).toMatch(reason)
  })

  it.each([
    '/',
    '/papers/date/2026-06-11',
    '/search?q=caf%C3%A9+au+lait',
    '/search?q=%F0%9F%A7%AA',
    '/search?q=a%09b%0Ac',
    '/search?q=%25',
    '/papers/hep-th/9901001',
    '/api/daily_papers?date=&limit=10',
    '/search?q=a=b=c',
    '/search?q=😀#%zz',
  ])('is accepted: %s', (target) => {
    expect(findProblem(target)).toBeNull()
  })
})
