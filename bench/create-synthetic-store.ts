import * as lancedb from '@lancedb/lancedb';
import { Field, FixedSizeList, Float32, Int32, makeData, RecordBatch, Schema, Struct, Table, Utf8, vectorFromArray, type DataType } from 'apache-arrow';
import { documentsTableName, openLanceStore, passagesTableName, passageToRow, type LanceStore } from '../src/adapters/lancedb-store.js';
import type { Passage } from '../src/core/types.js';
import { createRandom, createRandomUnitVector } from './create-random.js';
import { buildSyntheticCorpus, longShape, type CorpusShape } from './build-synthetic-corpus.js';
import type { SeedSentence } from './read-seed-sentences.js';

export const benchEmbedding = { modelId: 'bench/random-384', dimension: 384 } as const;
const batchPassages = 10_000;

export interface SyntheticStore {
  directory: string;
  passages: number;
  /** Grows the index to `passages` (rounded up to whole documents) and rebuilds its indexes. */
  growTo(passages: number, options?: { optimize?: boolean }): Promise<{ store: LanceStore; loadMs: number; optimizeMs: number }>;
}

/**
 * The table's schema rebuilt with this package's apache-arrow classes: LanceDB returns schemas
 * made by its own bundled copy, whose types the local `vectorFromArray` does not recognise.
 */
function adoptSchema(foreign: { fields: Array<{ name: string; nullable: boolean; type: { toString(): string } }> }): Schema {
  return new Schema(foreign.fields.map((field) => {
    const typeName = field.type.toString();
    const fixedSize = /^FixedSizeList\[(\d+)\]<Float32>$/.exec(typeName);
    let type: DataType;
    if (typeName === 'Utf8') type = new Utf8();
    else if (typeName === 'Int32') type = new Int32();
    else if (fixedSize) type = new FixedSizeList(Number(fixedSize[1]), new Field('item', new Float32(), true));
    else throw new Error(`bench loader: unexpected column type ${typeName} for ${field.name}`);
    return new Field(field.name, type, field.nullable);
  }));
}

/**
 * Rows to one Arrow batch in the table's own schema. The vector column is built straight from
 * one Float32Array: letting LanceDB infer it from 384-number arrays costs seconds per 10k rows.
 */
function toArrowTable(schema: Schema, rows: Array<Record<string, unknown>>, vectors: Float32Array): Table {
  const children = schema.fields.map((field) => {
    if (field.name !== 'vector') return vectorFromArray(rows.map((row) => row[field.name]), field.type).data[0]!;
    const child = makeData({ type: new Float32(), length: vectors.length, nullCount: 0, data: vectors });
    return makeData({ type: field.type, length: rows.length, nullCount: 0, child });
  });
  const batch = new RecordBatch(schema, makeData({ type: new Struct(schema.fields), length: rows.length, nullCount: 0, children }));
  return new Table(schema, [batch]);
}

/**
 * A LanceDB index in `directory` filled with synthetic passages (rows from `passageToRow`) and
 * their vectors (`vectorOf`, by default random unit vectors), bulk-loaded with `table.add` in batches of 10k: ingest's one commit per
 * document would take minutes at 100k. Each step reopens the store so it sees the new rows.
 */
export async function createSyntheticStore(
  directory: string,
  sentences: readonly SeedSentence[],
  shape: CorpusShape = longShape,
  vectorOf?: (passage: Passage) => ArrayLike<number>,
): Promise<SyntheticStore> {
  const { passagesPerDocument } = shape;
  await (await openLanceStore(directory)).reset(benchEmbedding);
  const connection = await lancedb.connect(directory);
  const passageTable = await connection.openTable(passagesTableName);
  const documentTable = await connection.openTable(documentsTableName);
  const passageSchema = adoptSchema(await passageTable.schema());
  const documentSchema = adoptSchema(await documentTable.schema());
  const vectorRandom = createRandom(42);
  const dimension = benchEmbedding.dimension;
  const synthetic: SyntheticStore = {
    directory,
    passages: 0,
    async growTo(passages, options = {}) {
      const loadStarted = performance.now();
      let nextDocument = synthetic.passages / passagesPerDocument;
      const lastDocument = Math.ceil(passages / passagesPerDocument);
      while (nextDocument < lastDocument) {
        const count = Math.min(Math.floor(batchPassages / passagesPerDocument), lastDocument - nextDocument);
        const passageRows: Array<Record<string, unknown>> = [];
        const documentRows: Array<Record<string, unknown>> = [];
        const vectorRows: Array<ArrayLike<number>> = [];
        for (const { document, passages: documentPassages } of buildSyntheticCorpus(sentences, nextDocument, count, shape)) {
          for (const passage of documentPassages) {
            passageRows.push(passageToRow(passage, document.contentHash, undefined));
            vectorRows.push(vectorOf ? vectorOf(passage) : createRandomUnitVector(vectorRandom, dimension));
          }
          documentRows.push({ doc_id: document.docId, source_path: document.sourcePath, content_hash: document.contentHash, document: JSON.stringify(document) });
        }
        const vectors = new Float32Array(passageRows.length * dimension);
        for (const [row, vector] of vectorRows.entries()) vectors.set(vector, row * dimension);
        await passageTable.add(toArrowTable(passageSchema, passageRows, vectors));
        await documentTable.add(toArrowTable(documentSchema, documentRows, new Float32Array()));
        nextDocument += count;
      }
      synthetic.passages = lastDocument * passagesPerDocument;
      const loadMs = performance.now() - loadStarted;
      const store = await openLanceStore(directory);
      const optimizeStarted = performance.now();
      if (options.optimize !== false) await store.optimize();
      return { store, loadMs, optimizeMs: performance.now() - optimizeStarted };
    },
  };
  return synthetic;
}
