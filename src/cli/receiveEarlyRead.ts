/**
 * The worker's side of the early read (earlyRead.ts): the main thread's messages become what
 * XlsxWorkbook.open asks for (src/xlsx/handedOver.ts). The file's bytes are handed out once,
 * to an open of that very file, which waits for them (the main thread began reading long
 * before). A part's message is taken off the port only when the part is read, or awaited
 * (receiveMessageOnPort): the worker reads the small tabs synchronously, and a part received
 * long before its read would age in the heap and be let go late (more memory at the peak).
 */
import { receiveMessageOnPort } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import { handOverFrom } from '../xlsx/handedOver';
import type { HandedOver, InflatedParts } from '../xlsx/handedOver';
import type { EarlyReadMessage } from './earlyRead';

type FileMessage = Extract<EarlyReadMessage, { kind: 'file' }>;

function bufferOf(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Listens on `port`; returns what stops listening (the run is over). */
export function receiveEarlyRead(port: MessagePort): () => void {
  let file: FileMessage | null | undefined;
  /** Parts announced and not received yet, and parts received and not taken yet. */
  const waiting = new Set<string>();
  let received = new Map<string, Buffer | null>();
  /** Checked after each message heard while something is awaited. */
  const awaited = new Set<() => boolean>();
  let closed = false;

  const receive = (message: EarlyReadMessage) => {
    if (message.kind === 'part') {
      if (waiting.delete(message.name)) {
        received.set(message.name, message.bytes === null ? null : bufferOf(message.bytes));
      }
    } else if (file === undefined) {
      file = message.kind === 'file' ? message : null;
      if (file) for (const name of file.parts) waiting.add(name);
    }
    // All there: the port is closed here, never read once the main thread has closed it
    // (receiveMessageOnPort on a closed port crashes Node 20).
    if (file !== undefined && waiting.size === 0) stop();
  };
  const settle = () => {
    for (const done of awaited) if (done()) awaited.delete(done);
    if (awaited.size === 0) port.off('message', hear);
  };
  const hear = (message: EarlyReadMessage) => {
    receive(message);
    settle();
  };
  const stop = () => {
    if (closed) return;
    closed = true;
    if (file === undefined) file = null;
    waiting.clear();
    port.close();
    settle();
  };
  /** Messages already there, taken without waiting. */
  const drain = () => {
    for (let next = closed ? undefined : receiveMessageOnPort(port); next;) {
      receive(next.message as EarlyReadMessage);
      next = closed ? undefined : receiveMessageOnPort(port);
    }
  };
  /** Settles once `done` holds, hearing messages meanwhile. */
  const until = (done: () => boolean): Promise<void> => {
    drain();
    if (done()) return Promise.resolve();
    return new Promise((resolve) => {
      awaited.add(() => (done() ? (resolve(), true) : false));
      if (port.listenerCount('message') === 0) port.on('message', hear);
    });
  };
  // Heard only while listening, after the messages before it (a closed port is not read).
  port.on('close', () => {
    closed = true;
    if (file === undefined) file = null;
    waiting.clear();
    settle();
  });

  const parts = (names: readonly string[]): InflatedParts => ({
    names,
    take: (name) => {
      drain();
      const bytes = received.get(name);
      received.delete(name);
      return bytes;
    },
    arrival: (wanted) => until(() => closed || wanted.every((name) => !waiting.has(name))),
  });
  handOverFrom(async (wanted): Promise<HandedOver | null> => {
    await until(() => file !== undefined);
    const message = file;
    file = null;
    if (!message || message.file !== wanted) {
      // Not this file's: what came or comes is let go.
      received = new Map();
      stop();
      return null;
    }
    return {
      identity: message.identity,
      bytes: bufferOf(message.bytes),
      parts: parts(message.parts),
    };
  });
  return stop;
}
