import { getPaper } from '../../papers/store.js'
import type { Db } from '../../platform/db/connect.js'
import { badRequest, HttpError, notFound } from '../../platform/http/http-error.js'
import { type Claim, fileClaim } from './store.js'

/**
 * Files a reader's claim to be the author at `position` of a paper (the form and the API both
 * come here). Refusals are 4xx with a sentence saying why.
 */
export async function claimAuthor(
  db: Db,
  userId: number,
  paperId: string,
  position: number,
  now: string,
): Promise<Claim> {
  const found = await getPaper(db, paperId)
  if (!found) throw notFound(`There is no paper ${paperId}.`)
  const author = found.paper.authors[position]
  if (!author || author.hidden) throw badRequest('Choose one of the paper’s authors.')
  const result = await fileClaim(db, { paperId, position, authorName: author.name, userId }, now)
  if ('filed' in result) return result.filed
  throw new HttpError(
    409,
    result.refused === 'taken'
      ? `${author.name} is already claimed by another member. If that is wrong, write to the site’s admins.`
      : 'You have already claimed an author entry of this paper.',
  )
}
