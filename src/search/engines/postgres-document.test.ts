import { describe, expect, it } from 'vitest'
import { categoryKeys } from './postgres-document.js'

// A document as PostgreSQL stores it is tested against PostgreSQL (test/search-postgres.test.ts).

describe('categories as a filter reads them', () => {
  it('lowercases each category and adds its archive', () => {
    expect(categoryKeys('cs.LG stat.ML hep-th')).toEqual(['cs.lg', 'cs', 'stat.ml', 'stat', 'hep-th'])
  })
})
