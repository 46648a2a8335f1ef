/** `paperboy reindex --vectors`: retrains the model on the catalog and re-embeds every paper. */
import type { Db } from '../../platform/db/connect.js'
import { embed, paperTokens, trainModel } from './model.js'
import { quantize } from './quantize.js'
import { seededRandom } from './seeded-random.js'
import { countPapers, readPaperTexts, saveModel, writeVectors } from './store.js'

/**
 * The model learns from at most this many papers, drawn evenly: the SVD's working matrices grow
 * with the papers (about 600 bytes each), and 50,000 papers already hold every common term in
 * enough contexts. Every paper is embedded all the same.
 */
const TRAINING_PAPERS = 50_000
const PAGE = 1000
const SEED = 1

/** Progress counts papers read for training, then papers embedded: `total` is twice the catalog. */
export async function rebuildVectors(db: Db, onProgress?: (done: number, total: number) => void): Promise<void> {
  const papers = await countPapers(db)
  const total = 2 * papers
  const random = seededRandom(SEED)
  const share = Math.min(1, TRAINING_PAPERS / Math.max(papers, 1))
  const documents: string[][] = []
  let done = 0
  for await (const page of pages(db)) {
    for (const p of page) if (random() < share) documents.push(paperTokens(p.title, p.abstract))
    done += page.length
    onProgress?.(done, total)
  }
  const model = trainModel(documents, random)
  await saveModel(db, model, documents.length, new Date().toISOString())
  for await (const page of pages(db)) {
    await writeVectors(
      db,
      page.map((p) => ({ id: p.id, vector: quantize(embed(model, paperTokens(p.title, p.abstract))) })),
    )
    done += page.length
    onProgress?.(done, total)
  }
}

async function* pages(db: Db) {
  let after = ''
  for (;;) {
    const page = await readPaperTexts(db, after, PAGE)
    if (page.length === 0) return
    yield page
    after = page.at(-1)!.id
  }
}
