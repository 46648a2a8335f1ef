import type { Alert, AlertPaper } from '../follows/alert.js'

/**
 * An alert as its email waits in the outbox: the papers by id with why and what changed, not their
 * text (a day's batch may queue tens of thousands of emails). The sender reads the papers when it
 * sends.
 */
export type StoredAlert = Omit<Alert, 'papers'> & {
  papers: { paperId: string; why: string; change?: AlertPaper['change'] }[]
}
