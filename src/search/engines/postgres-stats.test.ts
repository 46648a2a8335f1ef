import { expect, it } from 'vitest'
import type { Atom, ParsedQuery } from '../model.js'
import { type LexemeStats, matchBound } from './postgres-stats.js'

const DOCS: Record<string, number> = { dark: 30_000, matter: 40_000, learning: 300_000, language: 200_000 }
const stats: LexemeStats = {
  docs: (token, prefix) =>
    prefix ? Object.entries(DOCS).reduce((n, [w, d]) => n + (w.startsWith(token) ? d : 0), 10) : (DOCS[token] ?? 10),
}
const atom = (tokens: string[], more: Partial<Atom> = {}): Atom => ({
  field: 'all',
  tokens,
  phrase: tokens.length > 1,
  prefix: false,
  text: '',
  ...more,
})
const query = (groups: Atom[][]): ParsedQuery => ({ groups, excluded: [], categories: [], years: null, notes: [] })

it('bounds a query by its narrowest group, a phrase by its rarest word, an OR by its sum', () => {
  // The planner multiplies frequencies and expects "dark matter" in a handful of papers; it is in thousands.
  expect(matchBound(query([[atom(['dark', 'matter'])]]), stats)).toBe(30_000)
  expect(matchBound(query([[atom(['learning'])], [atom(['kagome'])]]), stats)).toBe(10)
  expect(matchBound(query([[atom(['dark']), atom(['kagome'])]]), stats)).toBe(30_010)
  expect(matchBound(query([[atom(['la'], { prefix: true })]]), stats)).toBe(200_010)
  expect(matchBound(query([]), stats)).toBe(Infinity)
})
