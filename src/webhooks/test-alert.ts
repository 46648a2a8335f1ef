import type { Alert } from '../follows/alert.js'

/** What "Send a test" delivers: an alert of the usual shape with one example paper, marked as a test. */
export function testAlert(site: { name: string; baseUrl: string }, userId: number, now: number): Alert {
  return {
    followId: 0,
    userId,
    kind: 'category',
    label: 'a test from the settings page',
    cadence: 'instant',
    followUrl: `${site.baseUrl}/settings/webhooks`,
    batch: `test:${new Date(now).toISOString()}`,
    papers: [
      {
        id: '1706.03762',
        title: 'Attention Is All You Need',
        authors: ['Ashish Vaswani', 'Noam Shazeer', 'Niki Parmar', 'Jakob Uszkoreit', 'Llion Jones'],
        summary: `A test from ${site.name}: when alerts for your follows arrive, they look like this.`,
        url: `${site.baseUrl}/papers/1706.03762`,
        arxivUrl: 'https://arxiv.org/abs/1706.03762',
        why: 'a test: it matched nothing',
      },
    ],
  }
}
