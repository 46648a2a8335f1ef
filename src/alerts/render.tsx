import type { Alert, AlertPaper } from '../follows/alert.js'
import { shortAuthors } from '../papers/display.js'
import { htmlOf } from '../platform/http/response-cache.js'
import { EMAIL_COLOURS as C, EmailFrame, EmailPaperRow } from '../platform/mail/email-frame.js'
import { describeChange } from './alert-papers.js'

export interface AlertEmailContent {
  siteName: string
  alert: Alert
  /** The one-click link that stops this follow's emails, and the page that manages every follow. */
  links: { unsubscribe: string; manage: string }
}

export interface RenderedAlert {
  subject: string
  html: string
  text: string
}

const KIND_WORDS: Record<Alert['kind'], string> = {
  author: 'the author',
  category: 'the category',
  search: 'the search',
  collection: 'the collection',
  collected: 'your collections',
}

/** What the alert is about, before its link: "New for the author you follow:", "New versions and withdrawals: Papers in your collections". */
const heading = (alert: Alert) =>
  alert.kind === 'collected' ? 'New versions and withdrawals:' : `New for ${KIND_WORDS[alert.kind]} you follow:`

/** Why the member gets it, in the footer. */
const because = (alert: Alert, siteName: string) =>
  alert.kind === 'collected'
    ? `you keep these papers in your collections on ${siteName}, with alerts ${CADENCE_WORDS[alert.cadence]}`
    : `you follow ${oneLine(alert.label)} on ${siteName}, with alerts ${CADENCE_WORDS[alert.cadence]}`

const CADENCE_WORDS: Record<Alert['cadence'], string> = {
  instant: 'as they arrive',
  daily: 'once a day',
  weekly: 'once a week',
}

/** An alert email's subject, HTML part (the digest's table layout and colours) and plain-text part. */
export async function renderAlert(d: AlertEmailContent): Promise<RenderedAlert> {
  const fresh = d.alert.papers.filter((p) => !p.change).length
  const changes = d.alert.papers.length - fresh
  const counts = [
    fresh > 0 && `${fresh} new paper${fresh === 1 ? '' : 's'}`,
    changes > 0 && `${changes} update${changes === 1 ? '' : 's'}`,
  ].filter(Boolean)
  const subject = `${d.siteName}: ${counts.join(', ')} · ${oneLine(d.alert.label)}`
  const html = (await htmlOf(<AlertHtml d={d} />)).body
  return { subject, html, text: alertText(d) }
}

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim().slice(0, 120)

function AlertHtml({ d }: { d: AlertEmailContent }) {
  const { alert } = d
  return (
    <EmailFrame title={`${d.siteName} · ${oneLine(alert.label)}`}>
      <tr>
        <td class="text" style={`padding:0 4px 16px;color:${C.text};`}>
          <div style="font-size:20px;font-weight:700;">{d.siteName}</div>
          <div class="muted" style={`font-size:14px;color:${C.muted};`}>
            {heading(alert)}{' '}
            <a href={alert.followUrl} style={`color:${C.link};`}>
              {oneLine(alert.label)}
            </a>
          </div>
        </td>
      </tr>
      {alert.papers.map((p) => (
        <EmailPaperRow
          paper={{
            ...p,
            authors: shortAuthors(p.authors.map((name) => ({ name, hidden: false }))),
            flag: p.change && describeChange(p.change),
            lead: `Why: ${p.why}`,
          }}
        />
      ))}
      <tr>
        <td class="muted" style={`padding:16px 4px;color:${C.muted};font-size:13px;line-height:1.5;`}>
          You get this because {because(alert, d.siteName)}.{' '}
          <a href={d.links.manage} style={`color:${C.link};`}>
            Manage your follows
          </a>{' '}
          ·{' '}
          <a href={d.links.unsubscribe} style={`color:${C.link};`}>
            Stop these emails
          </a>
        </td>
      </tr>
    </EmailFrame>
  )
}

/** The plain-text part: the same alert for clients and readers that prefer text. */
function alertText(d: AlertEmailContent): string {
  const { alert } = d
  const lines = [`${d.siteName} — ${heading(alert)} ${oneLine(alert.label)}`, alert.followUrl, '']
  for (const p of alert.papers) {
    if (p.change) lines.push(`[${describeChange(p.change)}]`)
    lines.push(p.title)
    const authors = shortAuthors(p.authors.map((name) => ({ name, hidden: false })))
    if (authors) lines.push(`   ${authors}`)
    lines.push(
      `   ${p.summary}`,
      `   Why: ${p.why}`,
      `   ${p.url}${p.arxivUrl !== p.url ? ` · arXiv: ${p.arxivUrl}` : ''}`,
      '',
    )
  }
  lines.push(
    '--',
    `You get this because ${because(alert, d.siteName)}.`,
    `Manage your follows: ${d.links.manage}`,
    `Stop these emails: ${d.links.unsubscribe}`,
  )
  return lines.join('\n')
}
