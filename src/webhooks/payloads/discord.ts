import type { Alert, AlertPaper } from '../../follows/alert.js'
import { authorLine, clip, headline } from './clip.js'

/** Discord's limits on one message (its docs, "Embed Limits"). */
const MAX_EMBEDS = 10
const TITLE_CHARS = 256
const DESCRIPTION_CHARS = 4096
const EMBEDS_TOTAL_CHARS = 6000
const CONTENT_CHARS = 2000

/** Markdown characters escaped with a backslash, so a title shows as written. */
export function escapeDiscord(text: string): string {
  return text.replace(/[\\*_~`|>#[\]()-]/g, '\\$&').replace(/@/g, '@\u200b')
}

const change = (p: AlertPaper) =>
  p.change === undefined
    ? ''
    : p.change.kind === 'withdrawn'
      ? '**Withdrawn.** '
      : `**New version v${p.change.version}.** `

/**
 * An execute-webhook body: a line of `content`, one embed per paper up to ten, each text clipped so
 * that the embeds' characters together stay under 6,000. Mentions are switched off: a title that
 * says @everyone must not ping a server.
 */
export function discordMessage(alert: Alert, siteName: string) {
  const shown = alert.papers.slice(0, MAX_EMBEDS)
  const titles = shown.map((p) => clip(p.title, TITLE_CHARS))
  const footer = clip(`${siteName} · ${alert.label}`, 200)
  const titleChars = titles.reduce((n, t) => n + t.length, 0) + footer.length * shown.length
  // What is left is shared evenly by the descriptions (Discord counts every embed's text together).
  const each = Math.min(
    DESCRIPTION_CHARS,
    Math.floor((EMBEDS_TOTAL_CHARS - 100 - titleChars) / Math.max(1, shown.length)),
  )
  const embeds = shown.map((p, i) => ({
    title: titles[i],
    url: p.url,
    description: clip(
      `${change(p)}${escapeDiscord(authorLine(p.authors))}\n\n${escapeDiscord(p.summary)}\n\n*${escapeDiscord(p.why)}* · [arXiv](${p.arxivUrl})`,
      each,
    ),
    footer: { text: footer },
  }))
  const more = alert.papers.length > shown.length ? ` (showing ${shown.length}; all: <${alert.followUrl}>)` : ''
  const content = clip(`${headline(alert.papers.length)} for **${escapeDiscord(alert.label)}**${more}`, CONTENT_CHARS)
  return { content, embeds, allowed_mentions: { parse: [] } }
}
