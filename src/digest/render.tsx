import { raw } from 'hono/html'
import { htmlOf } from '../platform/http/response-cache.js'
import { EMAIL_COLOURS, EmailFrame, EmailPaperRow } from '../platform/mail/email-frame.js'
import { arxivAbsUrl, isArxivId } from '../papers/arxiv-id.js'
import { shortAuthors } from '../papers/display.js'
import type { Paper } from '../papers/model.js'
import { paperPath } from '../papers/paths.js'
import { texToPlainText } from '../papers/tex/plain.js'
import { paperSummary } from './compose.js'

export interface DigestContent {
  siteName: string
  baseUrl: string
  /** "Thursday, August 20, 2026" or "Week 34, 2026". */
  periodLabel: string
  papers: Paper[]
  /** For subscribers with an account: papers like what they upvoted or collected. */
  forYou: ForYouPaper[]
  links: { preferences: string; unsubscribe: string; viewInBrowser: string }
}

/** A "for you" paper and why: the member's upvoted or collected paper it is most like. */
export interface ForYouPaper {
  paper: Paper
  because: { how: 'upvoted' | 'collected'; title: string }
}

const becauseOf = (f: ForYouPaper) => `Because you ${f.because.how} “${texToPlainText(f.because.title)}”`

export interface RenderedDigest {
  subject: string
  html: string
  text: string
}

const C = EMAIL_COLOURS

/**
 * The rendered paper rows of one sending run. Every subscriber's digest is made of the same few dozen
 * papers in different selections, so each row is rendered once a run and the digests are put together
 * from the stored strings.
 */
export class RowCache {
  readonly html = new Map<string, string>()
  readonly text = new Map<string, string>()
}

/** A digest email's subject, HTML part and plain-text part. */
export async function renderDigest(d: DigestContent, rows = new RowCache()): Promise<RenderedDigest> {
  const count = d.papers.length
  const subject = `${d.siteName}: ${count} trending paper${count === 1 ? '' : 's'} · ${d.periodLabel}`
  const row = async (paper: Paper, rank?: number, because?: string) => {
    // Keyed by what varies: a "for you" row's reason is the member's own.
    const key = `${rank ?? ''} ${paper.id} ${because ?? ''}`
    let html = rows.html.get(key)
    if (html === undefined) {
      html = (await htmlOf(<PaperRow paper={paper} rank={rank} baseUrl={d.baseUrl} because={because} />)).body
      rows.html.set(key, html)
    }
    return html
  }
  const papers = await Promise.all(d.papers.map((p, i) => row(p, i + 1)))
  const forYou = await Promise.all(d.forYou.map((f) => row(f.paper, undefined, becauseOf(f))))
  const html = (await htmlOf(<DigestHtml d={d} papers={papers.join('')} forYou={forYou.join('')} />)).body
  return { subject, html, text: digestText(d, rows) }
}

/** The digest's frame around its rows (`papers`, `forYou`: rendered rows, PaperRow's HTML). */
function DigestHtml({ d, papers, forYou }: { d: DigestContent; papers: string; forYou: string }) {
  return (
    <EmailFrame title={`${d.siteName} · ${d.periodLabel}`}>
      <tr>
        <td class="text" style={`padding:0 4px 16px;color:${C.text};`}>
          <div style="font-size:20px;font-weight:700;">{d.siteName}</div>
          <div class="muted" style={`font-size:14px;color:${C.muted};`}>
            Trending papers · {d.periodLabel} ·{' '}
            <a href={d.links.viewInBrowser} style={`color:${C.link};`}>
              View in the browser
            </a>
          </div>
        </td>
      </tr>
      {raw(papers)}
      {d.forYou.length > 0 && (
        <tr>
          <td class="text" style={`padding:16px 4px 8px;color:${C.text};font-size:17px;font-weight:700;`}>
            For you
          </td>
        </tr>
      )}
      {raw(forYou)}
      <tr>
        <td class="muted" style={`padding:16px 4px;color:${C.muted};font-size:13px;line-height:1.5;`}>
          You get this because you subscribed on {d.siteName}.{' '}
          <a href={d.links.preferences} style={`color:${C.link};`}>
            Change topics or frequency
          </a>{' '}
          ·{' '}
          <a href={d.links.unsubscribe} style={`color:${C.link};`}>
            Unsubscribe
          </a>
        </td>
      </tr>
    </EmailFrame>
  )
}

function PaperRow({
  paper,
  rank,
  baseUrl,
  because,
}: {
  paper: Paper
  rank?: number
  baseUrl: string
  because?: string
}) {
  const url = `${baseUrl}${paperPath(paper.id)}`
  return (
    <EmailPaperRow
      paper={{
        title: texToPlainText(paper.title),
        url,
        arxivUrl: isArxivId(paper.id) ? arxivAbsUrl(paper.id) : url,
        authors: shortAuthors(paper.authors),
        summary: paperSummary(paper),
        rank,
        because,
        lead: `▲ ${paper.upvotes}`,
      }}
    />
  )
}

/** The plain-text part: the same digest for clients and readers that prefer text. */
function digestText(d: DigestContent, rows: RowCache): string {
  const lines = [
    `${d.siteName} — trending papers · ${d.periodLabel}`,
    `View in the browser: ${d.links.viewInBrowser}`,
    '',
  ]
  const paper = (p: Paper, rank?: number, because?: string) => {
    // Keyed by what varies: a "for you" row's reason is the member's own.
    const key = `${rank ?? ''} ${p.id} ${because ?? ''}`
    let text = rows.text.get(key)
    if (text === undefined) {
      const authors = shortAuthors(p.authors)
      const arxiv = isArxivId(p.id) ? ` · arXiv: ${arxivAbsUrl(p.id)}` : ''
      text = [
        `${rank !== undefined ? `${rank}. ` : ''}${texToPlainText(p.title)}`,
        ...(authors ? [`   ${authors}`] : []),
        ...(because ? [`   ${because}`] : []),
        `   ${paperSummary(p)}`,
        `   ▲ ${p.upvotes} · ${d.baseUrl}${paperPath(p.id)}${arxiv}`,
        '',
      ].join('\n')
      rows.text.set(key, text)
    }
    lines.push(text)
  }
  d.papers.forEach((p, i) => paper(p, i + 1))
  if (d.forYou.length > 0) {
    lines.push('For you', '')
    for (const f of d.forYou) paper(f.paper, undefined, becauseOf(f))
  }
  lines.push('--', `Change topics or frequency: ${d.links.preferences}`, `Unsubscribe: ${d.links.unsubscribe}`)
  return lines.join('\n')
}

/** The digest's email colours and dark-mode style, which alert emails share (src/alerts/render.tsx). */
