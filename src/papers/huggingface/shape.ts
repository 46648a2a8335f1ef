import type { Featuring, FeaturedPaper, Paper, Submitter } from '../model.js'

/**
 * Paperboy's papers in Hugging Face's API shapes (../shared/HF-API.md). Absent values are absent
 * keys, never null, as in every Hugging Face response.
 */
type Json = Record<string, unknown>

export function toDailyItem({ paper, featuring }: FeaturedPaper): Json {
  const optional = optionalFields(paper)
  const item: Json = {
    paper: {
      ...paperCore(paper),
      submittedOnDailyAt: featuring.submittedAt,
      ...(featuring.submittedBy && { submittedOnDailyBy: toSubmittedOnDailyBy(featuring.submittedBy) }),
      ...optional,
    },
    publishedAt: featuring.submittedAt,
    title: paper.title,
    summary: paper.abstract,
    ...(paper.thumbnail && { thumbnail: paper.thumbnail }),
    numComments: paper.numComments,
    ...(featuring.submittedBy && { submittedBy: toSubmittedBy(featuring.submittedBy) }),
    isAuthorParticipating: false,
    // Hugging Face's Python client reads these from the item's top level only.
    ...optional,
  }
  return item
}

/** The flat shape of `GET /api/papers/{id}`; `featurings` newest first. */
export function toFlatPaper(paper: Paper, featurings: Featuring[] = []): Json {
  const latest = featurings[0]
  return {
    ...paperCore(paper),
    ...optionalFields(paper),
    ...(latest && { submittedOnDailyAt: latest.submittedAt }),
    ...(latest?.submittedBy && { submittedOnDailyBy: toSubmittedOnDailyBy(latest.submittedBy) }),
    ...(paper.thumbnail && { thumbnail: paper.thumbnail }),
    numComments: paper.numComments,
  }
}

/**
 * A search result (`GET /api/papers/search`): the flat paper nested as `paper`, and beside it what
 * Hugging Face's client reads from the top level only (title, links, counts). `publishedAt` is the
 * arXiv date: a search finds papers, not days of the daily list.
 */
export function toSearchItem(paper: Paper): Json {
  return {
    paper: toFlatPaper(paper),
    ...(paper.publishedAt && { publishedAt: paper.publishedAt }),
    title: paper.title,
    summary: paper.abstract,
    ...(paper.thumbnail && { thumbnail: paper.thumbnail }),
    numComments: paper.numComments,
    isAuthorParticipating: false,
    ...optionalFields(paper),
  }
}

function paperCore(paper: Paper): Json {
  return {
    id: paper.id,
    authors: paper.authors.filter((a) => !a.hidden).map((a) => ({ name: a.name, hidden: false })),
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

function toSubmittedOnDailyBy(s: Submitter): Json {
  return { ...toSubmittedBy(s), user: s.name }
}
