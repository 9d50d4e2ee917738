/** Entry of dist/cli/gongfang-worker.js: the program, in the worker thread main.ts starts. */
import { workInThread } from './worker';

workInThread();
