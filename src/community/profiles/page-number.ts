import { HttpError } from '../../platform/http/http-error.js'

const MAX_PAGE = 10_000 // deep enough for any list here; offsets past it are a crawler's or a typo

/** A `?page=` value: 1 when absent, a 400 for anything that is not a page number. */
export function pageNumber(raw: string | undefined, name = 'page'): number {
  if (raw === undefined || raw === '') return 1
  if (!/^\d{1,5}$/.test(raw) || Number(raw) < 1 || Number(raw) > MAX_PAGE) {
    throw new HttpError(400, `${name} must be a page number from 1 to ${MAX_PAGE}.`)
  }
  return Number(raw)
}
