import type { Alert, AlertPaper } from '../../follows/alert.js'
import { authorLine, clip, headline } from './clip.js'

/** Slack allows 50 blocks a message and 3,000 characters a section; these keep well inside both. */
const MAX_PAPERS = 20
const SECTION_CHARS = 3000

/** Slack's mrkdwn escaping: only &, < and > (its control characters), as its docs on formatting say. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

const change = (p: AlertPaper) =>
  p.change === undefined
    ? ''
    : p.change.kind === 'withdrawn'
      ? ' _(withdrawn)_'
      : ` _(new version v${p.change.version})_`

/** An incoming-webhook message: `text` for notifications and old clients, `blocks` for the message itself. */
export function slackMessage(alert: Alert, siteName: string) {
  const title = `${siteName}: ${headline(alert.papers.length)} for ${alert.label}`
  const shown = alert.papers.slice(0, MAX_PAPERS)
  const blocks: object[] = [
    {
      type: 'section',
      text: { type: 'mrkdwn', text: `*<${alert.followUrl}|${escapeMrkdwn(clip(title, 200))}>*` },
    },
    ...shown.map((p) => ({
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: clip(
          [
            `*<${p.url}|${escapeMrkdwn(clip(p.title, 300))}>*${change(p)}`,
            escapeMrkdwn(authorLine(p.authors)),
            escapeMrkdwn(clip(p.summary, 1200)),
            `_${escapeMrkdwn(clip(p.why, 300))}_ · <${p.arxivUrl}|arXiv>`,
          ].join('\n'),
          SECTION_CHARS,
        ),
      },
    })),
  ]
  if (alert.papers.length > shown.length) {
    const more = alert.papers.length - shown.length
    blocks.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: `<${alert.followUrl}|${more} more on ${escapeMrkdwn(siteName)}>` }],
    })
  }
  return { text: escapeMrkdwn(title), blocks }
}
