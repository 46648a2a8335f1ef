// Rebuilds demo/papers.jsonl from the seed page (../shared/seed/seed-papers.jsonl):
//   npx tsx demo/build.ts
// Keeps what a paper page shows and drops the curators' evidence notes; line order is page order.
import { readFileSync, writeFileSync } from 'node:fs'

const seed = readFileSync(new URL('../../shared/seed/seed-papers.jsonl', import.meta.url), 'utf8')
const lines = seed
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => {
    const s = JSON.parse(l)
    return JSON.stringify({
      arxivId: s.arxivId,
      title: s.title,
      abstract: s.abstract,
      authors: s.authors,
      publishedAt: s.publishedAt,
      categories: s.categories,
      githubRepo: s.githubRepo,
    })
  })
writeFileSync(new URL('./papers.jsonl', import.meta.url), lines.join('\n') + '\n')
console.log(`demo/papers.jsonl: ${lines.length} papers`)
