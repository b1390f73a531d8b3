// Manages a recording set by hand-off, for machines where no LLM API can be reached:
//
//   npm run eval:recording -- pending [--dir evals/recordings]
//   npm run eval:recording -- add <hash> <reply-text-file> --model "<who wrote it>" --label "<how>" [--dir evals/recordings]
//
// `pending` lists the requests `npm run eval -- --record-pending <dir>` left without a reply;
// `add` turns a reply another model wrote from the recorded request alone into its recording.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { addWrittenReply } from './add-written-reply.js';
import { openRecordingDir } from './open-recording-dir.js';

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      dir: { type: 'string', default: 'evals/recordings' },
      model: { type: 'string', default: '' },
      label: { type: 'string', default: '' },
    },
  });
  const recordings = openRecordingDir(values.dir);
  const [command, ...rest] = positionals;
  if (command === 'pending' && rest.length === 0) {
    const pending = await recordings.listPending();
    for (const request of pending) {
      console.log(`${request.hash}  ${request.questionIds.join(',')}${request.afterEarlierMiss ? '  (after an earlier miss: write that one first)' : ''}`);
    }
    console.log(`${pending.length} pending request(s) in ${values.dir}/pending/`);
    return 0;
  }
  if (command === 'add' && rest.length === 2) {
    const [hash, replyFile] = rest as [string, string];
    const recording = await addWrittenReply(recordings, { hash, text: await readFile(replyFile, 'utf8'), answeredBy: values.model, label: values.label });
    console.log(`${values.dir}/${hash}.json: written by ${recording.answeredBy} (${recording.label}), ${recording.recordedAt}`);
    return 0;
  }
  console.error('usage: npm run eval:recording -- pending [--dir <dir>]\n       npm run eval:recording -- add <hash> <reply-text-file> --model "<who wrote it>" --label "<how>" [--dir <dir>]');
  return 2;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error((error as Error).message);
    process.exitCode = 1;
  },
);
