// The messages between the corpus writer and its worker threads, checked where they arrive.
import { z } from 'zod'
import type { LineRange } from './paper.js'

/** Writer to worker: render these lines, gzipped or not. */
export interface RenderRequest extends LineRange {
  gzip: boolean
}

export const RenderRequestSchema: z.ZodType<RenderRequest> = z.object({
  seed: z.number().int(),
  n: z.number().int(),
  from: z.number().int(),
  to: z.number().int(),
  gzip: z.boolean(),
})

/** Worker to writer: the listings are read, or one range's lines (UTF-8, in request order). */
export const WorkerMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('lines'), bytes: z.instanceof(Uint8Array) }),
])
export type WorkerMessage = z.infer<typeof WorkerMessageSchema>
