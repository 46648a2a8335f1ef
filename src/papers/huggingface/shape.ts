import type { Featuring, FeaturedPaper, Paper, Submitter } from '../model.js'

/**
 * Paperboy's papers in Hugging Face's API shapes (../shared/HF-API.md). Absent values are absent
 * keys, never null, as in every Hugging Face response.
 */
type Json = Record<string, unknown>

/** A member of this site, as Hugging Face shows one of its users. */
export interface HfUser {
  /** Hugging Face ids are 24 hex digits (MongoDB ObjectIds); ours are the member's number in that form. */
  _id: string
  /** The username. */
  name: string
  fullname: string
  /** Absolute, as Hugging Face's CDN addresses are. */
  avatarUrl: string
}

/**
 * The site's members that answers mention (community/hf-people.ts loads them): the approved authors
 * of each paper (paper id → author position), and local submitters by lower-cased username.
 */
export interface People {
  authors?: ReadonlyMap<string, ReadonlyMap<number, { user: HfUser; claimedAt: string }>>
  submitters?: ReadonlyMap<string, HfUser>
}

const NOBODY: People = {}

export function toDailyItem({ paper, featuring }: FeaturedPaper, people: People = NOBODY): Json {
  const optional = optionalFields(paper)
  const submitter = submitterOf(featuring, people)
  const item: Json = {
    paper: {
      ...paperCore(paper, people),
      submittedOnDailyAt: featuring.submittedAt,
      ...(submitter && { submittedOnDailyBy: toSubmittedOnDailyBy(submitter) }),
      ...optional,
    },
    publishedAt: featuring.submittedAt,
    title: paper.title,
    summary: paper.abstract,
    ...(paper.thumbnail && { thumbnail: paper.thumbnail }),
    numComments: paper.numComments,
    ...(submitter && { submittedBy: toSubmittedBy(submitter) }),
    isAuthorParticipating: false,
    // Hugging Face's Python client reads these from the item's top level only.
    ...optional,
  }
  return item
}

/** The flat shape of `GET /api/papers/{id}`; `featurings` newest first. */
export function toFlatPaper(paper: Paper, featurings: Featuring[] = [], people: People = NOBODY): Json {
  const latest = featurings[0]
  const submitter = latest && submitterOf(latest, people)
  return {
    ...paperCore(paper, people),
    ...optionalFields(paper),
    ...(latest && { submittedOnDailyAt: latest.submittedAt }),
    ...(submitter && { submittedOnDailyBy: toSubmittedOnDailyBy(submitter) }),
    ...(paper.thumbnail && { thumbnail: paper.thumbnail }),
    numComments: paper.numComments,
  }
}

/**
 * A search result (`GET /api/papers/search`): the flat paper nested as `paper`, and beside it what
 * Hugging Face's client reads from the top level only (title, links, counts). `publishedAt` is the
 * arXiv date: a search finds papers, not days of the daily list.
 */
export function toSearchItem(paper: Paper, people: People = NOBODY): Json {
  return {
    paper: toFlatPaper(paper, [], people),
    ...(paper.publishedAt && { publishedAt: paper.publishedAt }),
    title: paper.title,
    summary: paper.abstract,
    ...(paper.thumbnail && { thumbnail: paper.thumbnail }),
    numComments: paper.numComments,
    isAuthorParticipating: false,
    ...optionalFields(paper),
  }
}

/**
 * Who put the paper on the day's list: for a local submission (source `community`, submitter
 * named by username) the member as they are now, else what the source recorded.
 */
function submitterOf(featuring: Featuring, people: People): Submitter | null {
  const stored = featuring.submittedBy
  if (!stored || featuring.source !== 'community') return stored
  const member = people.submitters?.get(stored.name.toLowerCase())
  return member ? { ...member, type: 'user', isPro: false } : stored
}

function paperCore(paper: Paper, people: People): Json {
  const claimed = people.authors?.get(paper.id)
  return {
    id: paper.id,
    authors: paper.authors.flatMap((a, position) => {
      if (a.hidden) return []
      const member = claimed?.get(position)
      // As Hugging Face lists a claimed author: the user, and the claim's status since when.
      return [
        {
          name: a.name,
          ...(member && {
            user: toAuthorUser(member.user),
            status: 'claimed_verified',
            statusLastChangedAt: member.claimedAt,
          }),
          hidden: false,
        },
      ]
    }),
    ...(paper.publishedAt && { publishedAt: paper.publishedAt }),
    title: paper.title,
    summary: paper.abstract,
    upvotes: paper.upvotes,
  }
}

function optionalFields(paper: Paper): Json {
  return {
    ...(paper.aiSummary && { ai_summary: paper.aiSummary }),
    ...(paper.aiKeywords.length > 0 && { ai_keywords: paper.aiKeywords }),
    ...(paper.githubRepo && { githubRepo: paper.githubRepo }),
    ...(paper.githubStars !== null && { githubStars: paper.githubStars }),
    ...(paper.projectPage && { projectPage: paper.projectPage }),
    ...(paper.organization && { organization: paper.organization }),
    ...(paper.withdrawn && paper.updatedAt && { withdrawnAt: paper.updatedAt }),
  }
}

function toSubmittedBy(s: Submitter): Json {
  return {
    ...(s._id && { _id: s._id }),
    ...(s.avatarUrl && { avatarUrl: s.avatarUrl }),
    fullname: s.fullname ?? s.name,
    name: s.name,
    type: s.type ?? 'user',
    isPro: s.isPro ?? false,
  }
}

function toAuthorUser(u: HfUser): Json {
  return { _id: u._id, avatarUrl: u.avatarUrl, isPro: false, fullname: u.fullname, user: u.name, type: 'user' }
}

function toSubmittedOnDailyBy(s: Submitter): Json {
  return { ...toSubmittedBy(s), user: s.name }
}
