import { describe, expect, it } from 'vitest'
import { categoryKeys, joinDocuments, preparedByPaper, prepareDocuments } from './postgres-document.js'

// A document as PostgreSQL stores it is tested against PostgreSQL (test/search-postgres.test.ts).

describe('categories as a filter reads them', () => {
  it('lowercases each category and adds its archive', () => {
    expect(categoryKeys('cs.LG stat.ML hep-th')).toEqual(['cs.lg', 'cs', 'stat.ml', 'stat', 'hep-th'])
  })
})

describe('documents prepared in parts', () => {
  const records = ['Graph neural networks', 'Attention is all you need', 'Über Kähler manifolds', 'A'].map(
    (title, i) => ({ id: `2401.0000${i}`, title, abstract: `${title}: an abstract.`, authors: [`Author ${i}`] }),
  )

  it('joined read the same as the documents prepared whole, paper by paper', () => {
    const whole = preparedByPaper(records, prepareDocuments(records))
    const parts = [records.slice(0, 1), records.slice(1, 3), [], records.slice(3)]
    const joined = preparedByPaper(records, joinDocuments(parts.map((p) => prepareDocuments(p))))
    expect([...joined.keys()]).toEqual(records.map((r) => r.id))
    for (const r of records) expect(Buffer.from(joined.get(r.id)!.bytes)).toEqual(Buffer.from(whole.get(r.id)!.bytes))
  })
})
