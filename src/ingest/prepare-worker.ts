// Worker thread entry for createPreparePool: prepares one source file per message.
import { parentPort } from 'node:worker_threads';
import { prepareSourceFile, type PrepareContext, type PrepareTask } from './prepare-source-file.js';

parentPort!.on('message', (message: { id: number; task: PrepareTask; context: PrepareContext }) => {
  void prepareSourceFile(message.task, message.context).then((result) => parentPort!.postMessage({ id: message.id, result }));
});
