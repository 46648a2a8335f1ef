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
