import type { Alert, AlertPaper } from '../../follows/alert.js'
import { authorLine, headline } from './clip.js'

/** HTML escaping for `formatted_body`: every character that can open or close markup or an attribute. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
}

const change = (p: AlertPaper) =>
  p.change === undefined ? '' : p.change.kind === 'withdrawn' ? ' (withdrawn)' : ` (new version v${p.change.version})`

/** An m.room.message (m.text) with a plain `body` and the same as HTML in `formatted_body`. */
export function matrixMessage(alert: Alert, siteName: string) {
  const title = `${siteName}: ${headline(alert.papers.length)} for ${alert.label}`
  const body = [
    title,
    ...alert.papers.map((p) => `\n• ${p.title}${change(p)}\n  ${authorLine(p.authors)}\n  ${p.url}\n  ${p.why}`),
    `\nAll: ${alert.followUrl}`,
  ].join('\n')
  const items = alert.papers.map(
    (p) =>
      `<li><a href="${escapeHtml(p.url)}">${escapeHtml(p.title)}</a>${escapeHtml(change(p))}<br>` +
      `${escapeHtml(authorLine(p.authors))}<br><em>${escapeHtml(p.why)}</em></li>`,
  )
  const formatted =
    `<p><a href="${escapeHtml(alert.followUrl)}">${escapeHtml(title)}</a></p>` + `<ul>${items.join('')}</ul>`
  return { msgtype: 'm.text', body, format: 'org.matrix.custom.html', formatted_body: formatted }
}
