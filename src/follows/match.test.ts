import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { anyQueryText, hostileText } from '../../test/support/hostile-text.js'
import { aPaper } from '../../test/support/paper.js'
import type { Paper } from '../papers/model.js'
import { indexTokens } from '../search/normalize.js'
import { isStopword } from '../search/query-stopwords.js'
import { buildMatcher, type FollowToMatch } from './match.js'

const TODAY = '2026-12-03'
const authors = (...names: string[]) => names.map((name) => ({ name, hidden: false }))

const follow = (id: number, kind: FollowToMatch['kind'], target: string, qualifiers: unknown[] = []) => ({
  id,
  kind,
  target,
  qualifiers: JSON.stringify(qualifiers),
})

/** The ids of the papers each follow matched, `followId → paperIds`. */
function matched(follows: FollowToMatch[], papers: Paper[]): Record<number, string[]> {
  const result = buildMatcher(follows, TODAY).match(papers)
  return Object.fromEntries([...result].map(([id, ms]) => [id, ms.map((m) => m.paperId)]))
}

const search = (q: string, extra: Record<string, string> = {}) => new URLSearchParams({ q, ...extra }).toString()

describe('author follows', () => {
  const lecun = [follow(1, 'author', 'Yann LeCun')]

  it.each(['Yann LeCun', 'Y. LeCun', 'LeCun, Yann', 'yann lecun', 'Y LeCun', 'Yann A. LeCun'])(
    'matches the spelling %s',
    (printed) => {
      expect(matched(lecun, [aPaper({ id: 'p', authors: authors('Someone Else', printed) })])).toEqual({ 1: ['p'] })
    },
  )

  it.each(['Yves LeCun', 'Yann Lecunn', 'LeCun', 'Ann LeCun'])('does not take %s for Yann LeCun', (printed) => {
    expect(matched(lecun, [aPaper({ id: 'p', authors: authors(printed) })])).toEqual({})
  })

  it('folds accents and the letters NFKD keeps whole', () => {
    const follows = [follow(1, 'author', 'Bernhard Schölkopf'), follow(2, 'author', 'Søren Łukasz')]
    const papers = [
      aPaper({ id: 'a', authors: authors('B. Scholkopf') }),
      aPaper({ id: 'b', authors: authors('Soren Lukasz') }),
    ]
    expect(matched(follows, papers)).toEqual({ 1: ['a'], 2: ['b'] })
  })

  it('reads hyphenated given names as initials too, and ignores a Jr.', () => {
    const follows = [follow(1, 'author', 'Jean-Pierre Serre'), follow(2, 'author', 'Martin Luther King Jr.')]
    const papers = [
      aPaper({ id: 'a', authors: authors('J.-P. Serre') }),
      aPaper({ id: 'b', authors: authors('Jean-Paul Serre') }),
      aPaper({ id: 'c', authors: authors('M. L. King') }),
    ]
    expect(matched(follows, papers)).toEqual({ 1: ['a'], 2: ['c'] })
  })

  it('leaves hidden authors out, as the pages do', () => {
    expect(matched(lecun, [aPaper({ id: 'p', authors: [{ name: 'Yann LeCun', hidden: true }] })])).toEqual({})
  })

  it('tells namesakes apart by a shared co-author or category', () => {
    const follows = [follow(1, 'author', 'Wei Zhang', ['Geoffrey Hinton', 'cs.LG']), follow(2, 'author', 'Wei Zhang')]
    const papers = [
      aPaper({ id: 'coauthor', authors: authors('Wei Zhang', 'G. Hinton'), categories: ['q-bio.NC'] }),
      aPaper({ id: 'category', authors: authors('W. Zhang'), categories: ['stat.ML', 'cs.LG'] }),
      aPaper({ id: 'namesake', authors: authors('Wei Zhang', 'Ada Lovelace'), categories: ['hep-th'] }),
    ]
    expect(matched(follows, papers)).toEqual({ 1: ['coauthor', 'category'], 2: ['coauthor', 'category', 'namesake'] })
  })

  it('does not count the followed author as their own co-author', () => {
    const follows = [follow(1, 'author', 'Wei Zhang', ['W. Zhang'])]
    expect(matched(follows, [aPaper({ id: 'p', authors: authors('Wei Zhang') })])).toEqual({})
  })

  it('says why: the name as printed and the qualifier that held', () => {
    const follows = [follow(1, 'author', 'Wei Zhang', ['Geoffrey Hinton', 'cs.LG'])]
    const result = buildMatcher(follows, TODAY).match([
      aPaper({ id: 'a', authors: authors('W. Zhang', 'Geoffrey E. Hinton') }),
      aPaper({ id: 'b', authors: authors('Wei Zhang'), categories: ['cs.LG'] }),
    ])
    expect(result.get(1)).toEqual([
      { paperId: 'a', why: 'author W. Zhang, with co-author Geoffrey E. Hinton' },
      { paperId: 'b', why: 'author Wei Zhang, in cs.LG' },
    ])
  })

  it('reads a broken qualifier list as none', () => {
    const broken = [{ id: 1, kind: 'author' as const, target: 'Wei Zhang', qualifiers: '{not json' }]
    expect(matched(broken, [aPaper({ id: 'p', authors: authors('Wei Zhang') })])).toEqual({ 1: ['p'] })
  })
})

describe('category follows', () => {
  it('matches a category, any case, and an archive takes its categories', () => {
    const follows = [follow(1, 'category', 'cs.LG'), follow(2, 'category', 'cs'), follow(3, 'category', 'hep-th')]
    const papers = [
      aPaper({ id: 'lg', categories: ['stat.ML', 'cs.LG'] }),
      aPaper({ id: 'cv', categories: ['cs.CV'] }),
      aPaper({ id: 'th', categories: ['hep-th'] }),
      aPaper({ id: 'csx', categories: ['csx.XY'] }),
    ]
    expect(matched(follows, papers)).toEqual({ 1: ['lg'], 2: ['lg', 'cv'], 3: ['th'] })
  })

  it('names the paper’s own category in the reason', () => {
    const result = buildMatcher([follow(1, 'category', 'cs')], TODAY).match([
      aPaper({ id: 'p', categories: ['cs.CV'] }),
    ])
    expect(result.get(1)).toEqual([{ paperId: 'p', why: 'category cs.CV' }])
  })
})

describe('saved search follows', () => {
  const papers = [
    aPaper({
      id: 'diffusion',
      title: 'Diffusion Transformers for Language Modeling',
      abstract: 'We scale pre-training of diffusion models.',
      authors: authors('Ada Lovelace'),
      categories: ['cs.LG'],
      publishedAt: '2026-12-02T00:00:00Z',
      githubRepo: 'https://github.com/x/y',
    }),
    aPaper({
      id: 'gan',
      title: 'Generative Adversarial Networks',
      abstract: 'Adversarial training of language models.',
      authors: authors('Alan Turing'),
      categories: ['stat.ML'],
      publishedAt: '2024-05-01T00:00:00Z',
    }),
  ]
  const cases: [string, Record<string, string>, string[]][] = [
    ['diffusion', {}, ['diffusion']],
    ['Diffusion TRANSFORMER', {}, ['diffusion']],
    ['"language models"', {}, ['gan']],
    ['"transformers language"', {}, []],
    ['pretraining', {}, ['diffusion']],
    ['lang*', {}, ['diffusion', 'gan']],
    ['language -adversarial', {}, ['diffusion']],
    ['language NOT diffusion', {}, ['gan']],
    ['diffusion OR adversarial', {}, ['diffusion', 'gan']],
    ['title:language', {}, ['diffusion']],
    ['abstract:language', {}, ['gan']],
    ['author:turing', {}, ['gan']],
    ['au:lovelace language', {}, ['diffusion']],
    ['language cat:cs', {}, ['diffusion']],
    ['language', { category: 'stat.ML' }, ['gan']],
    ['language year:2024', {}, ['gan']],
    ['language', { from: '2025-01-01' }, ['diffusion']],
    ['language', { until: '2025-01-01' }, ['gan']],
    ['language', { has_code: '1' }, ['diffusion']],
    ['language', { within: 'week' }, ['diffusion']],
    ['', { category: 'cs.LG' }, ['diffusion']],
  ]
  it.each(cases)('%s %j matches %j', (q, extra, expected) => {
    const result = matched([follow(1, 'search', search(q, extra))], papers)
    expect(result[1] ?? []).toEqual(expected)
  })

  it('names the terms that matched, as typed', () => {
    const result = buildMatcher([follow(1, 'search', search('"diffusion transformers" OR gan* lang*'))], TODAY).match(
      papers,
    )
    expect(result.get(1)).toEqual([{ paperId: 'diffusion', why: 'terms: "diffusion transformers", lang*' }])
  })

  it('reads a search that asks nothing, or with a bad parameter, as matching nothing', () => {
    const follows = [
      follow(1, 'search', 'q='),
      follow(2, 'search', search('x', { from: 'yesterday' })),
      follow(3, 'search', search('language')),
    ]
    const matcher = buildMatcher(follows, TODAY)
    expect(matcher.unreadable).toEqual([1, 2])
    expect([...matcher.match(papers).keys()]).toEqual([3])
  })

  it('never throws on hostile queries and paper text', () => {
    fc.assert(
      fc.property(fc.array(anyQueryText, { maxLength: 5 }), hostileText, hostileText, (queries, title, abstract) => {
        const follows = queries.flatMap((q, i) => [
          follow(i * 2, 'search', search(q)),
          follow(i * 2 + 1, 'author', q, [q]),
        ])
        const paper = aPaper({ id: 'p', title, abstract, authors: authors(title), categories: [abstract] })
        buildMatcher(follows, TODAY).match([paper])
      }),
      { numRuns: 300 },
    )
  })

  const word = fc.stringMatching(/^[a-z]{2,9}$/).filter((w) => w !== 'or' && w !== 'not')

  it('matches a paper that holds every word of a plain query', () => {
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 6 }), word, (words, filler) => {
        const paper = aPaper({ id: 'p', title: `${filler} ${[...words].reverse().join(' ')}`, abstract: filler })
        expect(matched([follow(1, 'search', search(words.join(' ')))], [paper])).toEqual({ 1: ['p'] })
      }),
    )
  })

  it('leaves out a paper that holds an excluded word', () => {
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 4 }), word, (words, excluded) => {
        const stem = indexTokens(excluded)[0]!
        fc.pre(!words.some((w) => indexTokens(w)[0] === stem))
        fc.pre(
          !words.every((w) =>
            isStopword({ field: 'all', tokens: indexTokens(w), phrase: false, prefix: false, text: w }),
          ),
        )
        const paper = aPaper({ id: 'p', title: words.join(' '), abstract: `and ${excluded} too` })
        expect(matched([follow(1, 'search', search(`${words.join(' ')} -${excluded}`))], [paper])).toEqual({})
      }),
    )
  })
})

describe('the matcher', () => {
  it('reads a target followed by many members once and answers each of them', () => {
    const follows = [1, 2, 3].map((id) => follow(id, 'author', 'Ada Lovelace'))
    follows.push(follow(4, 'search', search('engine')), follow(5, 'search', search('engine')))
    const paper = aPaper({ id: 'p', title: 'The analytical engine', authors: authors('Ada Lovelace') })
    expect(matched(follows, [paper])).toEqual({ 1: ['p'], 2: ['p'], 3: ['p'], 4: ['p'], 5: ['p'] })
  })

  it('leaves collection follows to the collection’s own adds', () => {
    expect(matched([follow(1, 'collection', '7')], [aPaper({ id: 'p' })])).toEqual({})
  })
})
