import type { SubmitRules } from './settings.js'

const DAY_MS = 86_400_000

/** What the per-day rule needs: the member's submissions in the last 24 hours, and the earliest's time. */
export interface MemberFacts {
  submittedLastDay: number
  earliestInDay?: string | null
}

/** What the paper rules need to know about a paper. */
export interface PaperFacts {
  /** The paper's arXiv v1 date; null when the catalog does not know it. */
  publishedAt: string | null
  /** Days the paper was featured on (any source but the demo set). */
  featuredOn: string[]
  now: number
}

export type SubmissionFacts = MemberFacts & PaperFacts

export interface Refusal {
  rule: 'per-day' | 'featured' | 'too-old' | 'undated'
  /** What the form says. */
  message: string
}

/** Which rule refuses a submission, and why in words for the form; null when it may go ahead. */
export function refusal(facts: SubmissionFacts, rules: SubmitRules): Refusal | null {
  return memberRefusal(facts, rules) ?? paperRefusal(facts, rules)
}

/** The per-day rule alone: checked before a paper is looked up, as a lookup may cost an arXiv request. */
export function memberRefusal(facts: MemberFacts, rules: SubmitRules): Refusal | null {
  if (facts.submittedLastDay >= rules.perDay) {
    const papers = rules.perDay === 1 ? 'paper' : 'papers'
    const when = facts.earliestInDay
      ? ` You can submit again after ${new Date(placeFreesAt(facts.earliestInDay)).toISOString().slice(11, 16)} UTC.`
      : ''
    return { rule: 'per-day', message: `You can submit ${rules.perDay} ${papers} a day (any 24 hours).${when}` }
  }
  return null
}

/** The rules about the paper: never featured, dated, and recent enough. */
export function paperRefusal(facts: PaperFacts, rules: SubmitRules): Refusal | null {
  if (facts.featuredOn.length > 0) {
    const day = [...facts.featuredOn].sort().at(-1)!
    const message = `This paper is already on the daily list (${day}); upvote or discuss it there instead.`
    return { rule: 'featured', message }
  }
  if (!facts.publishedAt) {
    const message = 'The date of this paper is unknown, so it cannot be checked against the age rule.'
    return { rule: 'undated', message }
  }
  const ageDays = (facts.now - Date.parse(facts.publishedAt)) / DAY_MS
  if (ageDays > rules.maxAgeDays) {
    const message = `Only papers from the last ${rules.maxAgeDays} days can be submitted; this one appeared on arXiv on ${facts.publishedAt.slice(0, 10)}.`
    return { rule: 'too-old', message }
  }
  return null
}

/** When the 24 hours the per-day limit counts began. */
export const dayBefore = (now: number) => new Date(now - DAY_MS).toISOString()

/** When the per-day window frees a place: its earliest submission turns a day old. */
export const placeFreesAt = (earliest: string) => Date.parse(earliest) + DAY_MS
