/**
 * Every common word's candidate list (sqlite-lists.ts) from one pass over the papers' tokens,
 * scored as FTS5's bm25 scores the word alone (docs/decisions/0016-search.md, "Lists in one pass").
 *
 * Why not ask FTS5: ranking a word costs it ~1.2 µs a match ("learning", 421,619 papers of 1M,
 * 493 ms: bm25 reads each match's size, then a sorter takes them all), once per common word, and
 * after a rebuild it reads each word through every segment not yet merged. Here each paper is
 * tokenized once (as the index holds it, in threads, each a share of the rowids: that is the
 * costly part), its common words counted, and each word keeps its best `size` papers in a bounded
 * heap whatever order the papers come in.
 *
 * The score is FTS5's to the bit (fts5_aux.c, fts5Bm25Function; the tests compare every list with
 * FTS5's own ranking): for a paper of D tokens in all columns holding the word with weighted count
 * f, idf × (f × (k1 + 1)) / (f + k1 × (1 − b + b × D / avgdl)), with the index's own totals.
 */
import type { TokenRow } from './sqlite-index.js'
import { WEIGHTS } from './sqlite-index.js'
import type { StoredList } from './sqlite-lists.js'

// bm25's constants, as FTS5 fixes them.
const K1 = 1.2
const B = 0.75
/** The columns an unfielded word is searched in (sqlite-match.ts: title, authors, abstract). */
const SEARCHED_COLUMNS = 3

/** What bm25 reads of the whole index: its rows, and their mean length in tokens over all columns. */
export interface IndexTotals {
  rows: number
  meanLength: number
}

/**
 * FTS5's "averages" record (the row of id 1 in its `_data` table): the number of rows, then the
 * tokens of each column over all rows, as SQLite varints (fts5_storage.c, fts5StorageSaveTotals).
 */
export function indexTotals(record: Uint8Array): IndexTotals {
  const values: number[] = []
  for (let i = 0; i < record.length;) {
    let value = 0
    for (let byte = 0x80; byte & 0x80;) {
      byte = record[i++] ?? 0
      value = value * 128 + (byte & 0x7f)
    }
    values.push(value)
  }
  const [rows = 0, ...columns] = values
  const tokens = columns.reduce((sum, n) => sum + n, 0)
  return { rows, meanLength: rows > 0 ? tokens / rows : 0 }
}

/**
 * A token count as FTS5's `ascii` tokenizer with tokenchars '.-' makes it: runs of anything but
 * ASCII punctuation, spaces and control characters. The searched columns hold normalize.ts's
 * tokens, letters and digits joined by single spaces, so a split counts them; the categories
 * column is counted the tokenizer's way.
 */
const FTS_TOKEN = /[^\x00-\x2c\x2f\x3a-\x40\x5b-\x60\x7b-\x7f]+/g

function searchedTokens(text: string): string[] {
  return text === '' ? [] : text.split(' ')
}

/**
 * A batch of papers as the pass scores them: each paper's rowid and length in tokens (all
 * columns), and the common words it holds in a searched column with their weighted counts, the
 * paper's i-th from `ends[i - 1]` (or 0) to `ends[i]` in `slots` and `counts`. Typed arrays, so
 * that the threads that count (the costly part: tokenizing) hand them over without copying.
 */
export interface WordCounts {
  rowids: Int32Array
  lengths: Int32Array
  ends: Int32Array
  /** Each word by its index in the pass's list of words. */
  slots: Int32Array
  counts: Float64Array
}

/** Counts the common words of papers' index rows (pure: threads of the pass run it). */
export class WordCounter {
  private readonly slotOf = new Map<string, number>()
  /** Each word's weighted count in the paper being read, and the paper it was last seen in. */
  private readonly counts: Float64Array
  private readonly seenIn: Int32Array

  constructor(words: readonly string[]) {
    words.forEach((word, slot) => this.slotOf.set(word, slot))
    this.counts = new Float64Array(words.length)
    this.seenIn = new Int32Array(words.length).fill(-1)
  }

  count(rows: readonly TokenRow[]): WordCounts {
    const { slotOf, counts, seenIn } = this
    const lengths = new Int32Array(rows.length)
    const ends = new Int32Array(rows.length)
    const slots: number[] = []
    const weighted: number[] = []
    for (const [i, row] of rows.entries()) {
      const rowid = row[0]
      const first = slots.length
      let length = 0
      for (let column = 0; column < SEARCHED_COLUMNS; column++) {
        const tokens = searchedTokens(row[column + 1] as string)
        length += tokens.length
        const weight = WEIGHTS[column]!
        for (const token of tokens) {
          const slot = slotOf.get(token)
          if (slot === undefined) continue
          if (seenIn[slot] !== rowid) {
            seenIn[slot] = rowid
            counts[slot] = 0
            slots.push(slot)
          }
          counts[slot] = counts[slot]! + weight
        }
      }
      for (let column = SEARCHED_COLUMNS + 1; column < row.length; column++) {
        length += (row[column] as string).match(FTS_TOKEN)?.length ?? 0
      }
      lengths[i] = length
      ends[i] = slots.length
      for (let at = first; at < slots.length; at++) weighted.push(counts[slots[at]!]!)
    }
    return {
      rowids: Int32Array.from(rows, (row) => row[0]),
      lengths,
      ends,
      slots: Int32Array.from(slots),
      counts: Float64Array.from(weighted),
    }
  }
}

/** Each common word's best papers by bm25, from the counts of every paper, in any order. */
export class ListsPass {
  /** Each word's best papers; a word's heap goes once its list is made. */
  private readonly heaps: (BestPapers | null)[]
  /** Papers holding each word in a searched column: bm25's "nHit", for its IDF. */
  private readonly holding: Int32Array

  constructor(
    private readonly words: readonly string[],
    size: number,
    private readonly totals: IndexTotals,
  ) {
    this.heaps = words.map(() => new BestPapers(size))
    this.holding = new Int32Array(words.length)
  }

  add({ rowids, lengths, ends, slots, counts }: WordCounts): void {
    let at = 0
    for (let i = 0; i < rowids.length; i++) {
      // bm25's length normalization, in FTS5's order of operations so that the score is its own.
      const norm = K1 * (1 - B + (B * lengths[i]!) / this.totals.meanLength)
      for (const end = ends[i]!; at < end; at++) {
        const slot = slots[at]!
        const f = counts[at]!
        this.holding[slot] = this.holding[slot]! + 1
        this.heaps[slot]!.offer((f * (K1 + 1.0)) / (f + norm), rowids[i]!)
      }
    }
  }

  /**
   * Each word's list, best first (ties in rowid order, as FTS5's sorter leaves them). `log` is
   * the C library's, as FTS5 takes its IDF: V8's Math.log differs from it in the last bit for ~7%
   * of arguments, and a lone word's list is its search's answer, scores and all.
   */
  *lists(maxRowid: number, log: (x: number) => number): Generator<[word: string, list: StoredList]> {
    const { rows } = this.totals
    for (const [slot, word] of this.words.entries()) {
      const holding = this.holding[slot]!
      // IDF = log((N − n + 0.5) / (n + 0.5)), kept positive as FTS5 keeps it.
      const logged = log((rows - holding + 0.5) / (holding + 0.5))
      const idf = logged <= 0 ? 1e-6 : logged
      const { rowids, scores } = this.heaps[slot]!.sorted()
      this.heaps[slot] = null
      const impacts = new Float64Array(scores.length)
      for (let i = 0; i < scores.length; i++) impacts[i] = idf * scores[i]!
      yield [word, { rowids, impacts, complete: holding <= rowids.length, maxRowid }]
    }
  }
}

/**
 * The `size` best (score, rowid) pairs offered, in a binary min-heap over two typed arrays whose
 * root is the worst kept: lowest score, and of equal scores the highest rowid.
 */
class BestPapers {
  private count = 0
  private rowids: Int32Array
  private scores: Float64Array

  constructor(private readonly size: number) {
    // Grown as papers come: a word in few papers keeps a small heap.
    this.rowids = new Int32Array(Math.min(size, 64))
    this.scores = new Float64Array(this.rowids.length)
  }

  offer(score: number, rowid: number): void {
    if (this.count < this.size) {
      if (this.count === this.rowids.length) this.grow()
      this.siftUp(this.count++, score, rowid)
    } else if (score > this.scores[0]! || (score === this.scores[0] && rowid < this.rowids[0]!)) {
      this.siftDown(score, rowid)
    }
  }

  sorted(): { rowids: Int32Array; scores: Float64Array } {
    const order = Array.from({ length: this.count }, (_, i) => i).sort(
      (a, b) => this.scores[b]! - this.scores[a]! || this.rowids[a]! - this.rowids[b]!,
    )
    return {
      rowids: Int32Array.from(order, (i) => this.rowids[i]!),
      scores: Float64Array.from(order, (i) => this.scores[i]!),
    }
  }

  private grow(): void {
    const length = Math.min(this.size, this.rowids.length * 4)
    const rowids = new Int32Array(length)
    const scores = new Float64Array(length)
    rowids.set(this.rowids)
    scores.set(this.scores)
    this.rowids = rowids
    this.scores = scores
  }

  /** Whether the pair at i ranks below (score, rowid): lower score, or equal and a later rowid. */
  private below(i: number, score: number, rowid: number): boolean {
    const s = this.scores[i]!
    return s < score || (s === score && this.rowids[i]! > rowid)
  }

  private siftUp(at: number, score: number, rowid: number): void {
    let i = at
    // Up past every parent that ranks above it: the worst stays at the root.
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (this.below(parent, score, rowid)) break
      this.move(parent, i)
      i = parent
    }
    this.scores[i] = score
    this.rowids[i] = rowid
  }

  /** Replaces the root with (score, rowid) and restores the heap below it. */
  private siftDown(score: number, rowid: number): void {
    let i = 0
    for (;;) {
      let child = 2 * i + 1
      if (child >= this.count) break
      if (child + 1 < this.count && this.below(child + 1, this.scores[child]!, this.rowids[child]!)) child++
      if (!this.below(child, score, rowid)) break
      this.move(child, i)
      i = child
    }
    this.scores[i] = score
    this.rowids[i] = rowid
  }

  private move(from: number, to: number): void {
    this.scores[to] = this.scores[from]!
    this.rowids[to] = this.rowids[from]!
  }
}
