import type { PaperRecord } from '../../papers/model.js'
import { readHfItem } from '../../papers/huggingface/format.js'
import { addDays, parseDay, toDay } from '../../papers/period.js'
import { flawIn } from '../parse/fields.js'
import type { PoliteClient } from '../polite-client.js'
import type { IngestRequest, PaperSource, Problem, SourceBatch, SourceContext } from '../source.js'

const PAGE_SIZE = 100 // Hugging Face's maximum `limit`
const MAX_PAGES = 20 // no day has had more than a few hundred papers; stop a runaway loop

/**
 * Polls Hugging Face's `/api/daily_papers?date=` for a day (default: today, UTC) or each day of
 * `from..until`. The items are the format of the foundation's import, featured on their Hugging
 * Face day; counts are as observed now, so a later poll updates them.
 */
export function hfDailySource(client: PoliteClient, baseUrl: string): PaperSource {
  return {
    name: 'hf-daily',
    scope: (r) => days(r).join('..'),
    async *batches(request: IngestRequest, context: SourceContext): AsyncIterable<SourceBatch> {
      const all = days(request)
      const start = context.position ? all.indexOf(context.position) + 1 : 0
      for (const [i, day] of all.entries()) {
        if (i < start) continue
        yield {
          ...(await fetchDay(client, baseUrl, day, context.signal)),
          position: day,
          progress: { done: i + 1, total: all.length, unit: 'days' },
        }
      }
    },
  }
}

async function fetchDay(client: PoliteClient, baseUrl: string, day: string, signal?: AbortSignal) {
  const records: PaperRecord[] = []
  const problems: Problem[] = []
  const observedAt = new Date().toISOString()
  for (let page = 0; page < MAX_PAGES; page++) {
    const url = `${baseUrl}/api/daily_papers?date=${day}&limit=${PAGE_SIZE}&p=${page}`
    const res = await client.get(url, signal)
    if (res.status !== 200) throw new Error(`Hugging Face answered HTTP ${res.status} for ${day}`)
    let items: unknown
    try {
      items = JSON.parse(res.text)
    } catch {
      throw new Error(`Hugging Face sent a response for ${day} that is not JSON`)
    }
    if (!Array.isArray(items)) throw new Error(`Hugging Face sent no list of papers for ${day}`)
    items.forEach((raw, index) => {
      const read = readHfItem(raw, page * PAGE_SIZE + index)
      if ('problem' in read) {
        problems.push({ where: `${day} item ${page * PAGE_SIZE + index}`, reason: read.problem })
        return
      }
      const { record } = read
      // As for arXiv's formats: text damaged in transit must not overwrite the clean copy.
      const flaw = flawIn(record)
      if (flaw) problems.push({ where: `${day} item ${page * PAGE_SIZE + index}`, reason: flaw })
      else records.push({ ...record, observedAt })
    })
    if (items.length < PAGE_SIZE) break
  }
  return { records, problems }
}

function days(request: IngestRequest): string[] {
  const first = request.from ?? request.date ?? toDay(Date.now())
  const last = request.until ?? first
  if (!parseDay(first) || !parseDay(last))
    throw new Error(`not a date: ${parseDay(first) ? last : first} (use YYYY-MM-DD)`)
  const out: string[] = []
  for (let d = first; d <= last; d = addDays(d, 1)) out.push(d)
  return out
}
