/**
 * The worker's side of the early read (earlyRead.ts): the main thread's messages become what
 * XlsxWorkbook.open asks for (src/xlsx/handedOver.ts). The file's bytes are handed out once,
 * to an open of that very file, which waits for them (the main thread began reading long
 * before). The parts are looked for when read, without waiting: the worker reads the small
 * tabs synchronously, so the messages still queued are taken then (receiveMessageOnPort).
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
  let fileArrived: (message: FileMessage | null) => void = () => undefined;
  let file: Promise<FileMessage | null> | null = new Promise((resolve) => (fileArrived = resolve));
  /** Parts announced and not arrived yet, and parts arrived and not taken yet. */
  const waiting = new Set<string>();
  let arrived = new Map<string, Buffer | null>();
  let allArrived: () => void = () => undefined;
  const all = new Promise<void>((resolve) => (allArrived = resolve));
  let closed = false;
  const stop = () => {
    if (closed) return;
    closed = true;
    port.close();
    fileArrived(null);
    waiting.clear();
    allArrived();
  };
  const receive = (message: EarlyReadMessage) => {
    if (message.kind === 'part') {
      if (waiting.delete(message.name)) {
        arrived.set(message.name, message.bytes === null ? null : bufferOf(message.bytes));
      }
    } else if (message.kind === 'file') {
      for (const name of message.parts) waiting.add(name);
      fileArrived(message);
    }
    if (waiting.size === 0) stop();
  };
  port.on('message', receive);
  port.on('close', stop);
  const parts = (message: FileMessage): InflatedParts => ({
    names: message.parts,
    arrived: all,
    take: (name) => {
      for (let next = closed ? undefined : receiveMessageOnPort(port); next;) {
        receive(next.message as EarlyReadMessage);
        next = closed ? undefined : receiveMessageOnPort(port);
      }
      const bytes = arrived.get(name);
      arrived.delete(name);
      return bytes;
    },
  });
  handOverFrom(async (wanted): Promise<HandedOver | null> => {
    const taken = file;
    file = null;
    const message = taken === null ? null : await taken;
    if (message === null || message.file !== wanted) {
      // Not this file's: what came or comes is let go.
      arrived = new Map();
      stop();
      return null;
    }
    return { identity: message.identity, bytes: bufferOf(message.bytes), parts: parts(message) };
  });
  return stop;
}
