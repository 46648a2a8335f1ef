// Author names: drawn with real reuse (a few prolific authors, a long tail of one-paper authors),
// written as arXiv writes them.
import { hashInt, type Random } from './random.js'

/**
 * Lotka's law (authors with k papers fall off as 1/k²) is a rank-frequency curve of
 * 1/(rank + offset). Offset and rank range were fitted to the listings' 59,859 papers, whose
 * 353,416 author slots hold 185,780 names, the busiest on 189 papers. The range grows with n and
 * the offset doesn't, so the busiest authors keep their share of papers as the corpus grows
 * (about 5,700 papers at 2.7M).
 */
const RANK_OFFSET = 200
const RANKS_PER_PAPER = 5_000_000 / 59_859
/** Salts that make a name's given and family parts independent functions of its rank. */
const GIVEN_SALT = 0x5bd1e995
const FAMILY_SALT = 0x1b873593

/** A name as the `authors` line writes it, and as `authors_parsed` gives it. */
export interface Author {
  name: string
  parsed: [string, string, string]
}

export interface AuthorPool {
  /** `count` different authors for one paper of a corpus of `corpusSize` papers. */
  draw(random: Random, count: number, corpusSize: number): Author[]
}

/**
 * Rank r is the r-th most prolific author. The first ranks are the real names, busiest first;
 * beyond them a rank is the given name of one real author with the family name of another.
 */
export function createAuthorPool(namesByFrequency: readonly string[]): AuthorPool {
  const realAuthors: (Author | undefined)[] = new Array(namesByFrequency.length)
  const { given, family } = collectNameParts(namesByFrequency)
  const authorOf = (rank: number): Author => {
    if (rank < namesByFrequency.length) {
      const name = namesByFrequency[rank]!
      return (realAuthors[rank] ??= { name, parsed: parseAuthorName(name) })
    }
    const first = given[hashInt(rank, GIVEN_SALT) % given.length]!
    const last = family[hashInt(rank, FAMILY_SALT) % family.length]!
    return { name: `${first.name} ${last}`, parsed: [last, first.parsed, ''] }
  }
  return {
    draw(random, count, corpusSize) {
      // Never fewer ranks than real names, so a small corpus can still fill a 1,776-author paper.
      const ranks = Math.max(corpusSize * RANKS_PER_PAPER, namesByFrequency.length)
      const logGrowth = Math.log((ranks + RANK_OFFSET) / RANK_OFFSET)
      const drawn: number[] = []
      while (drawn.length < count) {
        // Inverse of the 1/(x + offset) distribution's CDF over [0, ranks).
        const rank = Math.floor(RANK_OFFSET * Math.exp(random() * logGrowth) - RANK_OFFSET)
        if (!drawn.includes(rank)) drawn.push(rank)
      }
      return drawn.map(authorOf)
    },
  }
}

/** Given and family names of the plain real names (no TeX, suffix or collaboration). */
function collectNameParts(names: readonly string[]) {
  const given = new Map<string, { name: string; parsed: string }>()
  const family = new Set<string>()
  for (const name of names) {
    if (/[\\{]/.test(name) || isCollaboration(name)) continue
    const parts = splitName(name)
    if (parts.given === '' || parts.suffix !== '') continue
    given.set(parts.given, { name: parts.given, parsed: spaceInitials(parts.given) })
    family.add(parts.family)
  }
  return { given: [...given.values()], family: [...family] }
}

/** arXiv's author line: "A", "A and B", "A, B and C". */
export function formatAuthors(names: readonly string[]): string {
  if (names.length === 1) return names[0]!
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`
}

/** `[last, first, suffix]` as in the snapshot's authors_parsed, with TeX accents decoded. */
export function parseAuthorName(name: string): [string, string, string] {
  const plain = /[\\{]/.test(name) ? decodeTex(name) : name
  if (isCollaboration(plain)) return [plain, '', '']
  const { given, family, suffix } = splitName(plain)
  return [family, spaceInitials(given), suffix]
}

/** Lower-case words that belong to the family name that follows them ("van der Tak"). */
const PARTICLES = new Set('de del della der den di da dos das du la le van von ten ter'.split(' '))
const SUFFIXES = new Set(['Jr', 'Jr.', 'Sr', 'Sr.', 'II', 'III', 'IV'])

function splitName(name: string): { given: string; family: string; suffix: string } {
  const words = name.split(' ')
  const suffix = words.length > 2 && SUFFIXES.has(words.at(-1)!) ? words.pop()!.replace(/\.$/, '') : ''
  let familyStart = words.length - 1
  while (familyStart > 1 && PARTICLES.has(words[familyStart - 1]!.toLowerCase())) familyStart--
  return {
    given: words.slice(0, familyStart).join(' '),
    family: words.slice(familyStart).join(' '),
    suffix,
  }
}

/** The snapshot spaces initials apart: "J.-N." becomes "J. -N.", "J.A." becomes "J. A.". */
function spaceInitials(given: string): string {
  return given.replace(/\.(?=\S)/g, '. ')
}

function isCollaboration(name: string): boolean {
  return /\b(Collaboration|Consortium|Team)\b/i.test(name)
}

const COMBINING_ACCENTS: Record<string, string> = {
  "'": '\u0301',
  '`': '\u0300',
  '"': '\u0308',
  '^': '\u0302',
  '~': '\u0303',
  '=': '\u0304',
  '.': '\u0307',
  v: '\u030c',
  u: '\u0306',
  H: '\u030b',
  c: '\u0327',
  k: '\u0328',
}
const TEX_LETTERS: Record<string, string> = {
  O: 'Ø',
  o: 'ø',
  ss: 'ß',
  aa: 'å',
  AA: 'Å',
  ae: 'æ',
  AE: 'Æ',
  l: 'ł',
  L: 'Ł',
  oe: 'œ',
  OE: 'Œ',
  i: 'ı',
}

/** The TeX accents arXiv authors type (`Bal\'azs`, `\v{S}`, `{\O}`), as Unicode. */
function decodeTex(name: string): string {
  return name
    .replace(
      /\\([`'"^~=.]|[vuHck](?=[\s{]))\s*\{?\\?([A-Za-z])\}?/g,
      (_, accent: string, letter: string) => `${letter}${COMBINING_ACCENTS[accent]}`,
    )
    .replace(/\\(ss|aa|AA|ae|AE|oe|OE|O|o|l|L|i)(?![A-Za-z])/g, (_, letter: string) => TEX_LETTERS[letter]!)
    .replace(/[{}]/g, '')
    .normalize('NFC')
}
