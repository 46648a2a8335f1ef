import type { HfUser, People } from '../papers/huggingface/shape.js'
import type { Featuring, Paper } from '../papers/model.js'
import type { Db } from '../platform/db/connect.js'
import { findUsersByNames, type User } from './accounts/store.js'
import { claimedAuthorsOf } from './claims/people.js'
import { avatarPath } from './profiles/avatar.js'

/**
 * The members that Hugging Face–shaped answers about `papers` mention: the approved authors of
 * each, and the local submitters of `featurings` (source `community`). Two queries at most, so a
 * page of 100 daily papers costs the same as one paper.
 */
export async function hfPeople(
  db: Db,
  baseUrl: string,
  papers: readonly Paper[],
  featurings: readonly Featuring[] = [],
): Promise<People> {
  const local = featurings.flatMap((f) => (f.source === 'community' && f.submittedBy ? [f.submittedBy.name] : []))
  const [claimed, submitters] = await Promise.all([claimedAuthorsOf(db, papers), findUsersByNames(db, local)])
  const hf = (u: User) => toHfUser(u, baseUrl)
  return {
    authors: new Map(
      [...claimed].map(([paperId, byPosition]) => [
        paperId,
        new Map([...byPosition].map(([position, m]) => [position, { user: hf(m.user), claimedAt: m.claimedAt }])),
      ]),
    ),
    submitters: new Map([...submitters].map(([key, u]) => [key, hf(u)])),
  }
}

/** A member in Hugging Face's user shape; the id is their number as 24 hex digits, like an ObjectId. */
export function toHfUser(user: User, baseUrl: string): HfUser {
  return {
    _id: user.id.toString(16).padStart(24, '0'),
    name: user.username,
    fullname: user.displayName,
    avatarUrl: `${baseUrl}${avatarPath(user.username)}`,
  }
}
