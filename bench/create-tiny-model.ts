import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;

/** The id `createTinyModel` writes under its folder, in the hub's `owner/name` shape. */
export const tinyModelId = 'tiny/bert-h8';
export const tinyModelDimension = 8;

const specialTokens = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'] as const;

// Includes the e5 prefixes' words ("query", "passage", ":") so the prefixes change the vectors.
const vocabularyWords = [
  ...specialTokens,
  'query', 'passage', ':', '.', ',', '?', '!',
  'the', 'a', 'of', 'and', 'to', 'in', 'is', 'it', 'what', 'who', 'when', 'where', 'how',
  'tax', 'rate', 'city', 'council', 'vote', 'budget', 'school', 'water', 'price', 'rise',
  'news', 'report', 'said', 'year', 'new', 'old', 'hello', 'world', 'cat', 'dog',
  '##s', '##ed', '##ing',
  '台', '北', '市', '政', '府', '稅', '率', '學', '校', '水', '价', '格', '新', '闻',
];

/**
 * Writes a tiny BERT-shaped model (hidden size 8, WordPiece tokenizer) under
 * `<dir>/tiny/bert-h8/` in the layout transformers.js reads from `env.localModelPath`:
 * `config.json`, `tokenizer.json`, `tokenizer_config.json`, `onnx/model.onnx` (fp32) and
 * `onnx/model_quantized.onnx` (q8 file name, same fp32 graph). Returns the model id.
 *
 * The graph: Gather(word embeddings, input_ids) + Gather(type embeddings, token_type_ids),
 * times attention_mask, as `last_hidden_state` [batch, seq, 8]. Different tokens give different
 * vectors; the embedding weights are a fixed pseudo-random table, so results are reproducible.
 *
 * @example
 *   const modelId = await createTinyModel(modelsDir);
 *   const embedder = await createTransformersEmbedder({ modelId, modelsDir, dtype: 'q8', allowRemote: false });
 */
export async function createTinyModel(dir: string): Promise<string> {
  const modelDir = join(dir, tinyModelId);
  await mkdir(join(modelDir, 'onnx'), { recursive: true });
  const model = encodeTinyOnnxModel(vocabularyWords.length, tinyModelDimension);
  await Promise.all([
    writeFile(join(modelDir, 'onnx', 'model.onnx'), model),
    writeFile(join(modelDir, 'onnx', 'model_quantized.onnx'), model),
    writeFile(join(modelDir, 'config.json'), JSON.stringify(createConfig(), null, 2)),
    writeFile(join(modelDir, 'tokenizer.json'), JSON.stringify(createTokenizer(), null, 2)),
    writeFile(join(modelDir, 'tokenizer_config.json'), JSON.stringify(createTokenizerConfig(), null, 2)),
  ]);
  return tinyModelId;
}

function encodeTinyOnnxModel(vocabularySize: number, hidden: number): Uint8Array {
  const { TensorProto, AttributeProto } = onnx;
  const int64Input = (name: string) =>
    onnx.ValueInfoProto.create({
      name,
      type: {
        tensorType: {
          elemType: TensorProto.DataType.INT64,
          shape: { dim: [{ dimParam: 'batch_size' }, { dimParam: 'sequence_length' }] },
        },
      },
    });
  const floatTable = (name: string, rows: number, seed: number) =>
    TensorProto.create({
      name,
      dataType: TensorProto.DataType.FLOAT,
      dims: [rows, hidden],
      floatData: createPseudoRandomTable(rows * hidden, seed),
    });

  const graph = onnx.GraphProto.create({
    name: 'tiny-bert',
    input: [int64Input('input_ids'), int64Input('attention_mask'), int64Input('token_type_ids')],
    output: [
      onnx.ValueInfoProto.create({
        name: 'last_hidden_state',
        type: {
          tensorType: {
            elemType: TensorProto.DataType.FLOAT,
            shape: { dim: [{ dimParam: 'batch_size' }, { dimParam: 'sequence_length' }, { dimValue: hidden }] },
          },
        },
      }),
    ],
    initializer: [
      floatTable('word_embeddings', vocabularySize, 1),
      floatTable('token_type_embeddings', 2, 2),
      TensorProto.create({ name: 'unsqueeze_axes', dataType: TensorProto.DataType.INT64, dims: [1], int64Data: [2] }),
    ],
    node: [
      { opType: 'Gather', input: ['word_embeddings', 'input_ids'], output: ['words'], name: 'gather_words' },
      { opType: 'Gather', input: ['token_type_embeddings', 'token_type_ids'], output: ['types'], name: 'gather_types' },
      { opType: 'Add', input: ['words', 'types'], output: ['embedded'], name: 'add_types' },
      {
        opType: 'Cast',
        input: ['attention_mask'],
        output: ['mask_float'],
        name: 'cast_mask',
        attribute: [{ name: 'to', type: AttributeProto.AttributeType.INT, i: TensorProto.DataType.FLOAT }],
      },
      { opType: 'Unsqueeze', input: ['mask_float', 'unsqueeze_axes'], output: ['mask_3d'], name: 'unsqueeze_mask' },
      { opType: 'Mul', input: ['embedded', 'mask_3d'], output: ['last_hidden_state'], name: 'apply_mask' },
    ].map((node) => onnx.NodeProto.create(node)),
  });

  const model = onnx.ModelProto.create({
    irVersion: 8,
    producerName: 'create-tiny-model',
    opsetImport: [{ domain: '', version: 13 }],
    graph,
  });
  return onnx.ModelProto.encode(model).finish();
}

/** Values in [-1, 1) from a small linear congruential generator: fixed for a given seed. */
function createPseudoRandomTable(count: number, seed: number): number[] {
  let state = (seed * 2654435761) >>> 0;
  const values: number[] = [];
  for (let index = 0; index < count; index++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    values.push(state / 2 ** 31 - 1);
  }
  return values;
}

function createConfig() {
  return {
    architectures: ['BertModel'],
    model_type: 'bert',
    hidden_size: tinyModelDimension,
    num_attention_heads: 1,
    num_hidden_layers: 1,
    intermediate_size: 16,
    max_position_embeddings: 64,
    type_vocab_size: 2,
    vocab_size: vocabularyWords.length,
    pad_token_id: 0,
  };
}

function createTokenizer() {
  const vocab = Object.fromEntries(vocabularyWords.map((word, id) => [word, id]));
  const special = (token: string) => ({ SpecialToken: { id: token, type_id: 0 } });
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: specialTokens.map((content, id) => ({
      id,
      content,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: true,
    })),
    normalizer: {
      type: 'BertNormalizer',
      clean_text: true,
      handle_chinese_chars: true,
      strip_accents: null,
      lowercase: true,
    },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [special('[CLS]'), { Sequence: { id: 'A', type_id: 0 } }, special('[SEP]')],
      pair: [
        special('[CLS]'),
        { Sequence: { id: 'A', type_id: 0 } },
        special('[SEP]'),
        { Sequence: { id: 'B', type_id: 1 } },
        { SpecialToken: { id: '[SEP]', type_id: 1 } },
      ],
      special_tokens: {
        '[CLS]': { id: '[CLS]', ids: [vocab['[CLS]']], tokens: ['[CLS]'] },
        '[SEP]': { id: '[SEP]', ids: [vocab['[SEP]']], tokens: ['[SEP]'] },
      },
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: {
      type: 'WordPiece',
      unk_token: '[UNK]',
      continuing_subword_prefix: '##',
      max_input_chars_per_word: 100,
      vocab,
    },
  };
}

function createTokenizerConfig() {
  return {
    tokenizer_class: 'BertTokenizer',
    do_lower_case: true,
    model_max_length: 512,
    cls_token: '[CLS]',
    sep_token: '[SEP]',
    pad_token: '[PAD]',
    unk_token: '[UNK]',
    mask_token: '[MASK]',
    clean_up_tokenization_spaces: true,
  };
}
