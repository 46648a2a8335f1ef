import { describe, expect, it } from 'vitest'
import { arxivIdOf, arxivIdsInBibtex } from './bibtex.js'

describe('arXiv ids in BibTeX entries', () => {
  it.each([
    ['arXiv’s own export', { eprint: '2401.00001v3', archiveprefix: 'arXiv' }, '2401.00001'],
    ['biblatex', { eprint: '2401.00001', eprinttype: 'arxiv' }, '2401.00001'],
    ['an eprint with its prefix', { eprint: 'arXiv:2401.00001' }, '2401.00001'],
    ['an old-style eprint', { eprint: 'hep-th/9901001', archiveprefix: '{arXiv}' }, 'hep-th/9901001'],
    ['an abs URL', { url: 'https://arxiv.org/abs/2401.00001v2' }, '2401.00001'],
    ['a PDF URL', { url: 'http://arxiv.org/pdf/2401.00001.pdf' }, '2401.00001'],
    ['arXiv’s DOI', { doi: '10.48550/arXiv.2401.00001' }, '2401.00001'],
    ['a DOI link', { doi: 'https://doi.org/10.48550/ARXIV.2401.00001' }, '2401.00001'],
    ['Google Scholar', { journal: 'arXiv preprint arXiv:2401.00001' }, '2401.00001'],
    ['a note', { note: 'arXiv: 2401.00001v1' }, '2401.00001'],
  ])('reads %s', (_, fields, id) => {
    expect(arxivIdOf(fields)?.id).toBe(id)
  })

  it.each([
    ['a book', { title: 'TAOCP', publisher: 'Addison-Wesley' }],
    ['another archive’s eprint', { eprint: '2401.00001', archiveprefix: 'HAL' }],
    ['another DOI', { doi: '10.1145/3411764' }],
    ['an id that cannot exist', { eprint: '2413.00001', archiveprefix: 'arXiv' }],
  ])('finds none in %s', (_, fields) => {
    expect(arxivIdOf(fields)).toBeNull()
  })

  it('lists a file’s ids once each, in file order, and the entries without one', () => {
    const found = arxivIdsInBibtex(
      '@misc{b, eprint = {2402.00002}, archivePrefix = {arXiv}}\n@book{k, title = {TAOCP}}\n@misc{a, url = {https://arxiv.org/abs/2401.00001}}\n@misc{c, eprint = {2402.00002v2}, archivePrefix = {arXiv}}',
    )
    expect(found).toEqual({
      ids: ['2402.00002', '2401.00001'],
      skipped: [{ what: 'entry 2 (k)', reason: 'it names no arXiv id (eprint, arxiv.org URL or arXiv DOI)' }],
    })
  })

  it('says where a file stops being BibTeX', () => {
    expect(arxivIdsInBibtex('@misc{a, title = {open}\n@misc{b}')).toEqual({
      error: expect.stringMatching(/^This is not a BibTeX file we can read \(at line \d+ col \d+\)\.$/),
    })
  })
})
