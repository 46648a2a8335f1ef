import { describe, expect, it } from 'vitest'
import { commentBody, parseCommentId } from './body.js'

describe('comment body', () => {
  it('trims and normalizes line ends', () => {
    expect(commentBody.parse('  a\r\nb\rc \n')).toBe('a\nb\nc')
  })

  it.each([
    ['', 'empty'],
    [' \n\t ', 'empty'],
    ['x'.repeat(10_001), 'at most 10,000'],
    ['a\u0000b', 'NUL'],
    ['a\u001bb', 'control characters'],
    ['a\uD800b', 'broken character'],
    ['a\uDFFF', 'broken character'],
  ])('refuses %j, saying why', (body, why) => {
    const result = commentBody.safeParse(body)
    expect(result.success).toBe(false)
    expect(result.error?.issues[0]?.message).toContain(why)
  })

  it('takes emoji, tabs and 10,000 characters', () => {
    expect(commentBody.parse('👩‍🔬\tok')).toBe('👩‍🔬\tok')
    expect(commentBody.parse('x'.repeat(10_000))).toHaveLength(10_000)
  })
})

describe('comment id', () => {
  it('reads ids the databases can hold, and nothing else', () => {
    expect(parseCommentId('42')).toBe(42)
    expect(parseCommentId('2147483647')).toBe(2147483647)
    for (const bad of [undefined, '', '0', '-1', '01', '1.5', '2147483648', '99999999999', '1e3', ' 1'])
      expect(parseCommentId(bad)).toBeNull()
  })
})
