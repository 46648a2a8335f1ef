/**
 * arXiv identifiers in both styles: `2401.00001` (since April 2007; 5 digits after the dot
 * since 2015) and `hep-th/9901001` (archive, optional subject class, YYMMNNN), each optionally
 * followed by a version (`v2`). Papers without an arXiv id get a local id `local-<slug>`.
 */
export interface PaperId {
  /** The id without version, as stored and as used in URLs. */
  id: string
  version: number | null
}

const NEW_STYLE = /^(\d{2})(\d{2})\.(\d{4,5})(?:v(\d{1,3}))?$/
const OLD_STYLE = /^([a-z]+(?:-[a-z]+)*(?:\.[A-Z]{2})?)\/(\d{2})(\d{2})(\d{3})(?:v(\d{1,3}))?$/
const FIRST_NEW_STYLE = 704
// What an id looks like before the calendar rules: `0000.00000` has the shape but cannot exist.
const ID_SHAPE = /^(?:\d{4}\.\d{4,5}|[a-z]+(?:-[a-z]+)*(?:\.[A-Z]{2})?\/\d{7})(?:v\d+)?$/
const LOCAL = /^local-[a-z0-9]+(?:-[a-z0-9]+)*$/
const MAX_LOCAL_LENGTH = 80

export function parseArxivId(raw: string): PaperId | null {
  const s = raw.trim()
  const n = NEW_STYLE.exec(s)
  if (n) {
    const month = Number(n[2])
    // New-style ids began in April 2007 (0704); four-digit numbers ran to 1412, five from 1501.
    const fiveDigits = Number(n[1]) >= 15
    if (month < 1 || month > 12 || n[3]!.length !== (fiveDigits ? 5 : 4)) return null
    if (Number(`${n[1]}${n[2]}`) < FIRST_NEW_STYLE || n[4] === '0') return null
    return { id: `${n[1]}${n[2]}.${n[3]}`, version: n[4] ? Number(n[4]) : null }
  }
  const o = OLD_STYLE.exec(s)
  if (o) {
    const month = Number(o[3])
    if (month < 1 || month > 12 || o[5] === '0') return null
    return { id: `${o[1]}/${o[2]}${o[3]}${o[4]}`, version: o[5] ? Number(o[5]) : null }
  }
  return null
}

/** An arXiv id or a local id, as accepted in `/papers/{id}` and `/api/papers/{id}`. */
export function parsePaperId(raw: string): PaperId | null {
  if (LOCAL.test(raw) && raw.length <= MAX_LOCAL_LENGTH) return { id: raw, version: null }
  return parseArxivId(raw)
}

/** Whether `raw` has the form of an arXiv id, whether or not such an id can exist. */
export function looksLikeArxivId(raw: string): boolean {
  return ID_SHAPE.test(raw.trim())
}

export function isArxivId(id: string): boolean {
  return parseArxivId(id) !== null
}

const ARXIV_URL = /arxiv\.org\/(?:abs|pdf|html)\/(.+?)(?:\.pdf)?\/?(?:[?#].*)?$/i
// Hugging Face's paper pages (huggingface.co/papers/2401.00001, or the short hf.co) name the arXiv id.
const HF_PAPER_URL = /^(?:https?:\/\/)?(?:www\.)?(?:huggingface|hf)\.co\/papers\/(.+?)\/?(?:[?#].*)?$/i

/**
 * Finds an arXiv id in what a person pastes: `arXiv:2401.00001v2`, an arXiv abs or PDF URL, a
 * Hugging Face paper URL, or the id.
 */
export function findArxivId(text: string): PaperId | null {
  const s = text.trim().replace(/^arxiv:\s*/i, '')
  const url = ARXIV_URL.exec(s) ?? HF_PAPER_URL.exec(s)
  return parseArxivId(url ? url[1]! : s)
}

/** A stable local id for a paper that has no arXiv id, derived from its title. */
export function localIdFor(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '') // NFKD splits "ü" into "u" and a combining mark; keep the letter
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_LOCAL_LENGTH - 'local-'.length)
    .replace(/-+$/, '')
  return `local-${slug || 'untitled'}`
}

export function arxivAbsUrl(id: string): string {
  return `https://arxiv.org/abs/${id}`
}

export function arxivPdfUrl(id: string): string {
  return `https://arxiv.org/pdf/${id}`
}
