/**
 * Rows in the binary format of PostgreSQL's COPY (https://www.postgresql.org/docs/15/sql-copy.html,
 * "Binary Format"): each field its length and its value as the type's receive function reads it.
 * What a type's text input would have to parse (a tsvector's quoting and positions, say) arrives
 * ready: the server reads a document's binary form in a third of the time its text takes
 * (docs/decisions/0016-search.md, "Binary COPY").
 */

/** The file header: the signature, no flags, no header extension. */
const BINARY_HEADER = Buffer.from([...Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1'), ...[0, 0, 0, 0], ...[0, 0, 0, 0]])
/** The trailer: a field count of -1. */
const BINARY_TRAILER = Buffer.from([0xff, 0xff])

// Microseconds from the Unix epoch to PostgreSQL's, 2000-01-01T00:00:00Z.
const POSTGRES_EPOCH_MS = Date.UTC(2000, 0, 1)
// The OID of `text`, which an array's header names as its element type.
const TEXT_OID = 25
// Bytes a chunk holds before it is handed to the stream: fewer, larger writes to the socket.
const CHUNK_BYTES = 256 * 1024

/**
 * Writes tuples into chunks of bytes. A tuple is `tuple(fields)` followed by exactly that many
 * fields; a field is one of the typed writers, or `open()` … `close()` around writes of its parts.
 */
export class TupleWriter {
  private buffer = Buffer.allocUnsafe(CHUNK_BYTES)
  private at = 0
  private opened = -1

  /** The bytes written since the last take, the writer starting on a fresh buffer. */
  take(): Buffer {
    const chunk = this.buffer.subarray(0, this.at)
    this.buffer = Buffer.allocUnsafe(CHUNK_BYTES)
    this.at = 0
    return chunk
  }

  get size(): number {
    return this.at
  }

  tuple(fields: number): void {
    this.int16(fields)
  }

  null(): void {
    this.int32(-1)
  }

  text(value: string | null | undefined): void {
    if (value == null) return this.null()
    this.room(4 + value.length * 3)
    const length = this.buffer.write(value, this.at + 4, 'utf8')
    this.buffer.writeInt32BE(length, this.at)
    this.at += 4 + length
  }

  bool(value: boolean): void {
    this.int32(1)
    this.byte(value ? 1 : 0)
  }

  /** An instant as `timestamptz`: microseconds since 2000-01-01, UTC. An unreadable time is refused. */
  timestamptz(iso: string | null | undefined): void {
    if (iso == null) return this.null()
    const ms = Date.parse(iso)
    if (Number.isNaN(ms)) throw new RangeError(`not a time: ${JSON.stringify(iso)}`)
    this.int32(8)
    this.room(8)
    this.buffer.writeBigInt64BE(BigInt(ms - POSTGRES_EPOCH_MS) * 1000n, this.at)
    this.at += 8
  }

  /** A one-dimensional `text[]`. */
  textArray(values: readonly string[]): void {
    this.open()
    this.int32(values.length > 0 ? 1 : 0) // dimensions: an empty array has none
    this.int32(0) // no nulls
    this.int32(TEXT_OID)
    if (values.length > 0) {
      this.int32(values.length)
      this.int32(1) // lower bound
      for (const value of values) this.text(value)
    }
    this.close()
  }

  /** Starts a field whose length is known once its parts are written (`close`). */
  open(): void {
    this.room(4)
    this.opened = this.at
    this.at += 4
  }

  close(): void {
    this.buffer.writeInt32BE(this.at - this.opened - 4, this.opened)
    this.opened = -1
  }

  int16(value: number): void {
    this.room(2)
    this.buffer.writeInt16BE(value, this.at)
    this.at += 2
  }

  uint16(value: number): void {
    this.room(2)
    this.buffer.writeUInt16BE(value, this.at)
    this.at += 2
  }

  int32(value: number): void {
    this.room(4)
    this.buffer.writeInt32BE(value, this.at)
    this.at += 4
  }

  /** Overwrites the int32 written at `at` (a count known only once what it counts is written). */
  patchInt32(at: number, value: number): void {
    this.buffer.writeInt32BE(value, at)
  }

  byte(value: number): void {
    this.room(1)
    this.buffer[this.at++] = value
  }

  /** Bytes another writer wrote: whole fields (copy-binary's own encoding, prepared ahead). */
  raw(bytes: Uint8Array): void {
    this.room(bytes.length)
    this.buffer.set(bytes, this.at)
    this.at += bytes.length
  }

  /** A string ending in NUL, as `pq_getmsgstring` reads it (it must hold none itself). */
  cstring(value: string): void {
    this.room(value.length * 3 + 1)
    this.at += this.buffer.write(value, this.at, 'utf8')
    this.buffer[this.at++] = 0
  }

  /** Grows the buffer to hold `bytes` more, keeping what it holds. */
  private room(bytes: number): void {
    if (this.at + bytes <= this.buffer.length) return
    const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.at + bytes))
    this.buffer.copy(grown, 0, 0, this.at)
    this.buffer = grown
  }
}

/** Rows for a BulkSession to COPY in binary format, each written as one tuple in the columns' order. */
export class BinaryRows<R> {
  constructor(
    readonly rows: Iterable<R>,
    readonly write: (w: TupleWriter, row: R) => void,
  ) {}

  /**
   * The COPY stream: the header, chunks of tuples, the trailer. Rows are encoded as the stream asks
   * for them, so the server stores one chunk while the next is encoded.
   */
  *chunks(): Generator<Buffer> {
    const w = new TupleWriter()
    yield BINARY_HEADER
    for (const row of this.rows) {
      this.write(w, row)
      if (w.size >= CHUNK_BYTES) yield w.take()
    }
    if (w.size > 0) yield w.take()
    yield BINARY_TRAILER
  }
}
