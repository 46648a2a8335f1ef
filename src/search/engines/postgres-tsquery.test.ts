import { describe, expect, it } from 'vitest'
import type { Atom, ParsedQuery } from '../model.js'
import { atomQuery, compileQuery } from './postgres-tsquery.js'

const atom = (tokens: string[], more: Partial<Atom> = {}): Atom => ({
  field: 'all',
  tokens,
  phrase: false,
  prefix: false,
  text: tokens.join(' '),
  ...more,
})
const query = (groups: Atom[][], excluded: Atom[] = []): ParsedQuery => ({
  groups,
  excluded,
  categories: [],
  years: null,
  notes: [],
})

describe('the tsquery of a parsed query', () => {
  it('writes words, prefixes, phrases and fields as quoted lexemes with weights', () => {
    expect(atomQuery(atom(['model']))).toBe("'model'")
    expect(atomQuery(atom(['lan'], { prefix: true }))).toBe("'lan':*")
    expect(atomQuery(atom(['lecun'], { field: 'author' }))).toBe("'lecun':B")
    expect(atomQuery(atom(['large', 'lan'], { phrase: true, prefix: true, field: 'title' }))).toBe(
      "('large':A <-> 'lan':A*)",
    )
    expect(atomQuery(atom(['x'], { field: 'abstract' }))).toBe("'x':C")
  })

  it('ANDs groups, ORs within a group, and ranks by the positive atoms OR-ed and, apart, by the groups as matched', () => {
    const compiled = compileQuery(query([[atom(['a']), atom(['b'])], [atom(['c'])]], [atom(['d']), atom(['e'])]))
    expect(compiled.match).toBe("('a' | 'b') & 'c' & !('d' | 'e')")
    expect(compiled.rank).toBe("('a' | 'b' | 'c')")
    expect(compiled.near).toBe("('a' | 'b') & 'c'")
    // One group is its own OR: nothing stands near anything.
    expect(compileQuery(query([[atom(['a']), atom(['b'])]], [atom(['d'])])).near).toBeNull()
    expect(compiled.excluded).toBe("('d' | 'e')")
    expect(compiled.atoms).toEqual(["'a'", "'b'", "'c'"])
  })

  it('quotes what tsquery syntax would read as operators, and drops NUL and empty tokens', () => {
    expect(atomQuery(atom(["it's"]))).toBe("'it''s'")
    expect(atomQuery(atom(['a\\'], { prefix: true }))).toBe("'a\\\\':*")
    expect(atomQuery(atom(['&|!():*']))).toBe("'&|!():*'")
    expect(atomQuery(atom(['\0', '']))).toBeNull()
    expect(compileQuery(query([[atom([''])]], [])).match).toBeNull()
  })
})
