/** The vectors' and the model's rows (schema.ts), read and written through Kysely on both databases. */
import { sql } from 'kysely'
import type { Db } from '../../platform/db/connect.js'
import type { MeaningModel } from './model.js'
import { vectorBytes, vectorFromBytes } from './quantize.js'
import type { VectorTables } from './schema.js'

const tables = (db: Db) => db.kysely.withTables<VectorTables>()

/** Another instance may retrain the model; each one looks for a newer model this often. */
const MODEL_CHECK_MS = 60_000
const MODEL_ID = 1

interface CachedModel {
  model: MeaningModel | null
  trainedAt: string | null
  checkedAt: number
}
const models = new WeakMap<object, CachedModel>()

/** The current model, or null before the first `reindex --vectors`; kept in memory between calls. */
export async function readModel(db: Db, now = Date.now()): Promise<MeaningModel | null> {
  const cached = models.get(db.kysely)
  if (cached && now - cached.checkedAt < MODEL_CHECK_MS) return cached.model
  const stamp = await tables(db)
    .selectFrom('vector_model')
    .select('trained_at')
    .where('id', '=', MODEL_ID)
    .executeTakeFirst()
  const trainedAt = stamp ? String(stamp.trained_at) : null
  if (cached && cached.trainedAt === trainedAt) {
    cached.checkedAt = now
    return cached.model
  }
  const row = trainedAt
    ? await tables(db).selectFrom('vector_model').selectAll().where('id', '=', MODEL_ID).executeTakeFirst()
    : undefined
  const model = row ? toModel(row.terms, row.dims, row.idf, row.projection) : null
  models.set(db.kysely, { model, trainedAt, checkedAt: now })
  return model
}

export async function saveModel(db: Db, model: MeaningModel, papers: number, trainedAt: string): Promise<void> {
  const row = {
    id: MODEL_ID,
    trained_at: trainedAt,
    papers,
    dims: model.dims,
    terms: model.terms.join('\n'),
    idf: floatBytes(model.idf),
    projection: floatBytes(model.projection),
  }
  await tables(db)
    .insertInto('vector_model')
    .values(row)
    .onConflict((oc) => oc.column('id').doUpdateSet({ ...row, id: undefined }))
    .execute()
  models.set(db.kysely, { model, trainedAt, checkedAt: Date.now() })
}

/** Inserts or replaces the vectors of these papers. */
export async function writeVectors(db: Db, rows: readonly { id: string; vector: Int8Array }[]): Promise<void> {
  if (rows.length === 0) return
  await tables(db)
    .insertInto('paper_vectors')
    .values(rows.map((r) => ({ paper_id: r.id, vector: vectorBytes(r.vector) })))
    .onConflict((oc) => oc.column('paper_id').doUpdateSet((eb) => ({ vector: eb.ref('excluded.vector') })))
    .execute()
}

/** The stored vectors of these papers; papers without one are absent from the map. */
export async function readVectors(db: Db, ids: readonly string[]): Promise<Map<string, Int8Array>> {
  if (ids.length === 0) return new Map()
  const rows = await tables(db)
    .selectFrom('paper_vectors')
    .select(['paper_id', 'vector'])
    .where('paper_id', 'in', [...ids])
    .execute()
  return new Map(rows.map((r) => [r.paper_id, vectorFromBytes(r.vector)]))
}

export interface PaperText {
  id: string
  title: string
  abstract: string
}

/**
 * Titles and abstracts in id order after `afterId`: what the model is trained on and embeds. The
 * vectors are derived from the catalog as the search index is, so they read its table directly.
 */
export async function readPaperTexts(db: Db, afterId: string, limit: number): Promise<PaperText[]> {
  return db.kysely
    .selectFrom('papers')
    .select(['id', 'title', 'abstract'])
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute()
}

export async function readPaperTextsById(db: Db, ids: readonly string[]): Promise<PaperText[]> {
  if (ids.length === 0) return []
  return db.kysely
    .selectFrom('papers')
    .select(['id', 'title', 'abstract'])
    .where('id', 'in', [...ids])
    .execute()
}

export async function countPapers(db: Db): Promise<number> {
  const row = await db.kysely
    .selectFrom('papers')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/**
 * About how many papers the catalog holds, for sizing work on a page's path, where counting a
 * million rows takes 10–200 ms: SQLite's highest rowid, PostgreSQL's planner estimate (counted
 * while the table has none).
 */
export async function estimatePapers(db: Db): Promise<number> {
  if (db.dialect === 'sqlite') {
    const { rows } = await sql<{ n: number | null }>`select max(rowid) as n from papers`.execute(db.kysely)
    return rows[0]?.n ?? 0
  }
  const { rows } = await sql<{ n: number }>`select reltuples as n from pg_class where oid = 'papers'::regclass`.execute(
    db.kysely,
  )
  const estimate = Number(rows[0]?.n ?? 0)
  return estimate > 0 ? estimate : countPapers(db)
}

function toModel(terms: string, dims: number, idf: Uint8Array, projection: Uint8Array): MeaningModel {
  const list = terms === '' ? [] : terms.split('\n')
  return {
    terms: list,
    index: new Map(list.map((t, i) => [t, i])),
    idf: floatsFromBytes(idf),
    dims,
    projection: floatsFromBytes(projection),
  }
}

function floatBytes(v: Float32Array): Buffer {
  return Buffer.from(v.buffer, v.byteOffset, v.byteLength)
}

function floatsFromBytes(bytes: Uint8Array): Float32Array {
  // A copy: the driver's buffer may sit at an offset that is not a multiple of 4.
  return new Float32Array(Uint8Array.from(bytes).buffer)
}
