import { raw } from 'hono/html'
import type { Child } from 'hono/jsx'

// Light colours inline (what every client shows), dark ones in a <style> for the clients that
// read it (Apple Mail, Outlook apps); the layout is tables, which every client lays out alike.
export const EMAIL_COLOURS = {
  text: '#16181d',
  muted: '#555b66',
  link: '#1d4ed8',
  border: '#dfe1e6',
  bg: '#f7f7f8',
  card: '#ffffff',
}
const DARK = `@media (prefers-color-scheme: dark) {
  .bg { background: #0f1115 !important; }
  .card { background: #171a21 !important; border-color: #2c313c !important; }
  .text { color: #e8eaee !important; }
  .muted { color: #a3aab6 !important; }
  a { color: #8ab4ff !important; }
}`

/**
 * The HTML document of every list email the site sends (the digest, alerts): a 600-pixel column of
 * table rows centred on the page. `children` are its rows (`<tr>`).
 */
export function EmailFrame({ title, children }: { title: string; children: Child }) {
  const C = EMAIL_COLOURS
  return (
    <>
      {raw('<!DOCTYPE html>')}
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <meta name="color-scheme" content="light dark" />
          <meta name="supported-color-schemes" content="light dark" />
          <title>{title}</title>
          <style>{raw(DARK)}</style>
        </head>
        <body class="bg" style={`margin:0;padding:0;background:${C.bg};`}>
          <table
            role="presentation"
            width="100%"
            cellpadding="0"
            cellspacing="0"
            class="bg"
            style={`background:${C.bg};`}
          >
            <tr>
              <td align="center" style="padding:24px 12px;">
                <table
                  role="presentation"
                  width="100%"
                  cellpadding="0"
                  cellspacing="0"
                  style="max-width:600px;font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;"
                >
                  {children}
                </table>
              </td>
            </tr>
          </table>
        </body>
      </html>
    </>
  )
}

/** What a list email shows of one paper; every text is plain (escaped here), every link absolute. */
export interface EmailPaper {
  title: string
  url: string
  /** Shown beside the paper page when it is another address (arXiv's abstract page). */
  arxivUrl: string
  authors: string
  summary: string
  /** A small line over the title (what changed since an alert sent the paper). */
  flag?: string
  /** The digest's place in its list. */
  rank?: number
  /** An italic line under the authors ("Because you upvoted …"). */
  because?: string
  /** What starts the last line, before the links ("▲ 12", "Why: category cs.LG"). */
  lead: string
}

/** One paper as a card row of a list email (the digest's and the alerts'). */
export function EmailPaperRow({ paper }: { paper: EmailPaper }) {
  const C = EMAIL_COLOURS
  return (
    <tr>
      <td style="padding:0 0 12px;">
        <table
          role="presentation"
          width="100%"
          cellpadding="0"
          cellspacing="0"
          class="card"
          style={`background:${C.card};border:1px solid ${C.border};border-radius:10px;`}
        >
          <tr>
            <td class="text" style={`padding:14px 16px;color:${C.text};`}>
              {paper.flag && (
                <div
                  style={`font-size:12px;font-weight:700;text-transform:uppercase;color:${C.muted};padding-bottom:4px;`}
                  class="muted"
                >
                  {paper.flag}
                </div>
              )}
              <a
                href={paper.url}
                style={`color:${C.text};font-size:16px;font-weight:700;text-decoration:none;`}
                class="text"
              >
                {paper.rank !== undefined && `${paper.rank}. `}
                {paper.title}
              </a>
              <div class="muted" style={`color:${C.muted};font-size:13px;padding-top:4px;`}>
                {paper.authors}
              </div>
              {paper.because && (
                <div class="muted" style={`color:${C.muted};font-size:13px;font-style:italic;padding-top:4px;`}>
                  {paper.because}
                </div>
              )}
              <div style="font-size:14px;line-height:1.5;padding-top:8px;">{paper.summary}</div>
              <div class="muted" style={`color:${C.muted};font-size:13px;padding-top:8px;`}>
                {paper.lead} ·{' '}
                <a href={paper.url} style={`color:${C.link};`}>
                  Paper page
                </a>
                {paper.arxivUrl !== paper.url && (
                  <>
                    {' '}
                    ·{' '}
                    <a href={paper.arxivUrl} style={`color:${C.link};`}>
                      arXiv
                    </a>
                  </>
                )}
              </div>
            </td>
          </tr>
        </table>
      </td>
    </tr>
  )
}
