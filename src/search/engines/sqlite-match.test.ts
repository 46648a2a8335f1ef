import { describe, expect, it } from 'vitest'
import type { Atom } from '../model.js'
import { atomExpression, boundedQuery, MAX_ATOMS, matchExpression } from './sqlite-match.js'

const atom = (tokens: string[], more: Partial<Atom> = {}): Atom => ({
  field: 'all',
  tokens,
  phrase: tokens.length > 1,
  prefix: false,
  text: tokens.join(' '),
  ...more,
})

describe('FTS5 MATCH expressions', () => {
  it('quotes every token, so FTS5 syntax in a token is read as text', () => {
    expect(atomExpression(atom(['near(a'], { field: 'title' }))).toBe('{title} : "near(a"')
    expect(atomExpression(atom(['say "hi"']))).toBe('{title authors abstract} : "say ""hi"""')
    expect(atomExpression(atom(['lang'], { prefix: true }))).toBe('{title authors abstract} : "lang"*')
    expect(atomExpression(atom(['yann', 'lecun'], { field: 'author' }))).toBe('{authors} : "yann lecun"')
  })

  it('ANDs the groups, ORs within one, and takes the exclusions and categories apart', () => {
    expect(
      matchExpression([[atom(['a']), atom(['b'])], [atom(['c'], { field: 'abstract' })]], [atom(['d'])], ['cs.lg']),
    ).toBe(
      '(({title authors abstract} : "a" OR {title authors abstract} : "b") AND ({abstract} : "c") AND ' +
        '({categories} : ("cs.lg"))) NOT ({title authors abstract} : "d")',
    )
    expect(matchExpression([], [atom(['d'])], [])).toBeNull()
  })

  it('drops atoms without a token and control characters, and keeps at most MAX_ATOMS', () => {
    const q = boundedQuery({
      groups: [[atom(['\u0000'])], [atom(['x\u0000y'])], ...Array.from({ length: 100 }, (_, i) => [atom([`w${i}`])])],
      excluded: [atom([''])],
      categories: [],
      years: null,
      notes: [],
    })
    expect(q.groups[0]![0]!.tokens).toEqual(['xy'])
    expect(q.groups.length).toBe(MAX_ATOMS)
    expect(q.excluded).toEqual([])
  })
})
