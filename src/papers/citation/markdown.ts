import { arxivAbsUrl, arxivPdfUrl, isArxivId } from '../arxiv-id.js'
import type { Paper } from '../model.js'
import { texToPlainText } from '../tex/plain.js'

/** The paper as Markdown (`/papers/{id}.md`), what Hugging Face's `read_paper` and agents read. */
export function toMarkdown(paper: Paper, baseUrl: string): string {
  const lines = [`# ${texToPlainText(paper.title)}`, '']
  const authors = paper.authors.filter((a) => !a.hidden).map((a) => a.name)
  if (authors.length > 0) lines.push(`**Authors:** ${authors.join(', ')}`, '')
  if (paper.publishedAt) lines.push(`**Published:** ${paper.publishedAt.slice(0, 10)}`, '')
  if (paper.categories.length > 0) lines.push(`**Categories:** ${paper.categories.join(', ')}`, '')
  const links = [`- Paperboy: ${baseUrl}/papers/${paper.id}`]
  if (isArxivId(paper.id)) links.push(`- arXiv: ${arxivAbsUrl(paper.id)}`, `- PDF: ${arxivPdfUrl(paper.id)}`)
  if (paper.githubRepo) links.push(`- Code: ${paper.githubRepo}`)
  if (paper.projectPage) links.push(`- Project page: ${paper.projectPage}`)
  if (paper.aiSummary) lines.push('## AI summary', '', texToPlainText(paper.aiSummary), '')
  lines.push('## Abstract', '', texToPlainText(paper.abstract) || '(no abstract)', '', '## Links', '', ...links, '')
  return lines.join('\n')
}
