/**
 * The texts of a paper's search index row that are tokenized, as its record gives them: title,
 * authors (as the index row joins them) and abstract. What a bulk load tokenizes ahead, in the
 * thread that parses its records (papers/huggingface/parse-files.ts), so the writing thread only
 * looks them up (engines/sqlite-index.ts). A module of its own, without the database's code, so
 * that the parsing thread starts in a few milliseconds.
 */
export function indexTexts(record: { title: string; abstract?: string; authors?: readonly string[] }): string[] {
  return [record.title, (record.authors ?? []).join(', '), record.abstract ?? '']
}
