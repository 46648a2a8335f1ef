import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { arxivAbsUrl } from '../src/papers/arxiv-id.js'
import { toBibtex } from '../src/papers/citation/bibtex.js'
import type { Paper, PaperRecord } from '../src/papers/model.js'
import { texTitledListings } from './support/math-paper.js'
import { hfRecord, latestRecordings } from './support/recorded.js'
import { aPaper } from './support/paper.js'

// The documents biblatex and BibTeX users write: UTF-8 input (LaTeX's default), T1 fonts, AMS
// math. Lost characters are traced, so a glyph the fonts lack fails the test instead of vanishing.
const PREAMBLE = String.raw`\documentclass{article}
\usepackage[T1]{fontenc}
\usepackage{lmodern}
\usepackage{amsmath,amssymb}
\tracinglostchars=2
`
const BIBLATEX = (bib: string) => String.raw`${PREAMBLE}\usepackage[backend=biber,style=numeric,maxnames=3]{biblatex}
\addbibresource{${bib}.bib}
\begin{document}
\nocite{*}
\printbibliography
\end{document}
`
const NATBIB = (bib: string) => String.raw`${PREAMBLE}\usepackage[numbers]{natbib}
\usepackage{url}
\begin{document}
\nocite{*}
\bibliographystyle{plain}
\bibliography{${bib}}
\end{document}
`

/** What each way of compiling needs, as Debian installs it (the packages .ci/run installs). */
const NEEDS = {
  biber: { commands: ['pdflatex', 'biber'], files: ['biblatex.sty', 'etoolbox.sty', 'lmodern.sty'] },
  bibtex: { commands: ['pdflatex', 'bibtex'], files: ['natbib.sty', 'plain.bst', 'lmodern.sty'] },
}
// biblatex keeps every entry in TeX's main memory, which ~8,000 entries exhaust (pdfTeX's 5,000,000
// words); BibTeX writes plain \bibitems and takes them all in one document.
const ENTRIES_PER_DOCUMENT = { biber: 2000, bibtex: Number.POSITIVE_INFINITY }
// biber (Perl) takes ~50 ms an entry here, six minutes for all of them; BibTeX compiles every
// entry, and biber the ones that exercise escaping: TeX commands or characters beyond ASCII.
const needsBiber = (entry: string) => /\\|[^\x00-\x7f]/.test(entry.replace(/^\s*(url|eprint) = .*$/gm, ''))
const DEBIAN_PACKAGES = 'texlive-latex-base texlive-latex-recommended texlive-bibtex-extra biber lmodern'
const ci = process.env.CI === 'true'

function missingFor({ commands, files }: { commands: string[]; files: string[] }): string[] {
  const absent = commands.filter((command) => spawnSync(command, ['--version']).error)
  if (absent.includes('pdflatex')) return [...absent, ...files]
  const found = (file: string) => spawnSync('kpsewhich', [file], { encoding: 'utf8' }).stdout.trim() !== ''
  return [...absent, ...files.filter((file) => !found(file))]
}

describe('BibTeX of every recorded Hugging Face paper and every arXiv title with TeX', () => {
  const dir = mkdtempSync(join(tmpdir(), 'paperboy-bibtex-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  // One .bib for both runs. Keys are numbered so that two papers sharing a generated key are both cited.
  // Hugging Face's copies drop the `$` of math; arXiv's own titles with TeX are added for it.
  const recorded = [...latestRecordings().values()].map((item) => paperFrom(hfRecord(item)))
  const papers = [...recorded, ...texTitledListings().map(paperFrom)]
  const entries = papers.map((p, i) => toBibtex(p, arxivAbsUrl(p.id)).replace(/^@misc\{[^,]*,/, `@misc{p${i},`))
  for (const [backend, document] of [
    ['biber', BIBLATEX],
    ['bibtex', NATBIB],
  ] as const) {
    const missing = missingFor(NEEDS[backend])
    if (missing.length > 0 && !ci) {
      const what = `the ${backend} compile test is skipped (it fails with CI=true)`
      console.warn(`\n! ${missing.join(', ')} not found: ${what}\n`)
    }
    const test = it.skipIf(missing.length > 0 && !ci)
    // pdfLaTeX twice and biber or BibTeX over ~8,000 entries: a minute or two on a busy machine.
    test(`compiles with pdfLaTeX and ${backend}, without an error or a lost character`, { timeout: 300_000 }, () => {
      expect(missing, `missing; install the Debian packages ${DEBIAN_PACKAGES}`).toEqual([])
      expect(recorded.length).toBeGreaterThan(7000)
      const size = ENTRIES_PER_DOCUMENT[backend]
      const cited = backend === 'biber' ? entries.filter(needsBiber) : entries
      for (let start = 0; start < cited.length; start += size) {
        const chunk = cited.slice(start, start + size)
        const name = `cite-${backend}-${start}`
        writeFileSync(join(dir, `${name}.bib`), chunk.join('\n\n'))
        writeFileSync(join(dir, `${name}.tex`), document(name))
        run('pdflatex', ['-interaction=nonstopmode', '-halt-on-error', name])
        const output = run(backend, [name])
        expect(output.split('\n').filter((line) => /^(ERROR|WARN) |^Warning--|error message/.test(line))).toEqual([])
        run('pdflatex', ['-interaction=nonstopmode', '-halt-on-error', name])

        const log = readFileSync(join(dir, `${name}.log`), 'latin1')
        const errors = log.split('\n').filter((line) => /^! |Missing character|Undefined control sequence/.test(line))
        expect(errors).toEqual([])
        const bbl = readFileSync(join(dir, `${name}.bbl`), 'utf8')
        expect(bbl.match(backend === 'biber' ? /\\entry\{/g : /\\bibitem/g)).toHaveLength(chunk.length)
      }
    })
  }

  /** Runs a tool in the documents' folder; a non-zero exit fails with the end of its output. */
  function run(tool: string, args: string[]): string {
    const result = spawnSync(tool, args, { cwd: dir, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 })
    const output = `${result.stdout}${result.stderr}`
    expect(result.status, `${tool} failed:\n${output.slice(-4000)}`).toBe(0)
    return output
  }
})

/** The catalog paper a record makes when it is the only thing known about it. */
function paperFrom(record: PaperRecord): Paper {
  return aPaper({
    id: record.id,
    title: record.title,
    abstract: record.abstract ?? '',
    publishedAt: record.publishedAt ?? null,
    categories: record.categories ?? [],
    authors: (record.authors ?? []).map((name) => ({ name, hidden: false })),
  })
}
