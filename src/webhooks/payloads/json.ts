import type { Alert } from '../../follows/alert.js'

/**
 * The generic JSON body (README, "Webhooks"): the follow, its papers as the alert carries them, and
 * the batch key; a receiver dedupes on the X-Paperboy-Delivery header.
 */
export function jsonMessage(alert: Alert) {
  return {
    type: 'paperboy.alert',
    follow: { id: alert.followId, kind: alert.kind, label: alert.label, url: alert.followUrl, cadence: alert.cadence },
    batch: alert.batch,
    papers: alert.papers.map((p) => ({
      id: p.id,
      title: p.title,
      authors: p.authors,
      summary: p.summary,
      url: p.url,
      arxiv_url: p.arxivUrl,
      why: p.why,
      change: p.change ?? null,
    })),
  }
}
