/**
 * 记件 / Record pieces: pick the date and order, find a resident by ID, name or pinyin, type the
 * counts, Enter adds the line; the queue shows what the batch adds; Submit writes it in one go.
 * Each line's entry ID is made here, once: a retry or a second click sends the same IDs, and the
 * server writes a line whose entry is already on the tab never again.
 */
import '../sidebar-common/style.css';
import type { Lang } from '../../i18n';
import type {
  OrderChoice,
  RecordPiecesView,
  ResidentChoice,
  WrittenLine,
} from '../../features/recordPieces';
import { rateUnitsToFen } from '../../domain/money';
import { type Wire, callServer } from '../shared/serverClient';
import {
  ResidentPicker,
  batchKey,
  countOf,
  element,
  initialLang,
  moneyText,
  node,
  onEnter,
  showStatus,
  text,
  translatePage,
} from '../sidebar-common/page';

interface Line {
  readonly entry: string;
  readonly resident: ResidentChoice;
  readonly order: Wire<OrderChoice>;
  readonly completed: number;
  readonly rejected: number;
  readonly notes: string;
}

let lang: Lang = initialLang();
let view: Wire<RecordPiecesView> | null = null;
let key = batchKey();
let lineNumber = 0;
let queue: Line[] = [];
let lastBatch: Wire<WrittenLine>[] = [];
let sending = false;

const dateInput = element<HTMLInputElement>('date');
const orderSelect = element<HTMLSelectElement>('order');
const residentInput = element<HTMLInputElement>('resident');
const completedInput = element<HTMLInputElement>('completed');
const rejectedInput = element<HTMLInputElement>('rejected');
const notesInput = element<HTMLInputElement>('notes');
const recordedByInput = element<HTMLInputElement>('recordedBy');
const submitButton = element<HTMLButtonElement>('submit');
const anywayButton = element<HTMLButtonElement>('submitAnyway');
const undoButton = element<HTMLButtonElement>('undo');

const picker = new ResidentPicker<ResidentChoice>(
  residentInput,
  element<HTMLUListElement>('residents'),
  () => ({
    inactive: text(lang, 'sbInactive'),
    recent: text(lang, 'sbRecent'),
    none: text(lang, 'sbNoMatch'),
  }),
  () => completedInput.focus(),
);

function orderLabel(order: Wire<OrderChoice>): string {
  return text(lang, 'sbOrderOption', {
    id: order.id,
    product: order.product,
    craft: order.craft,
    rate: order.payRateText,
    left: order.left === null ? text(lang, 'sbUnlimited') : String(order.left),
    due: order.due ?? text(lang, 'sbNoDue'),
  });
}

function fillOrders(selected: string | null): void {
  const orders = view?.orders ?? [];
  orderSelect.replaceChildren(
    ...orders.map((order) => {
      const option = node('option', orderLabel(order));
      option.value = order.id;
      option.selected = order.id === selected;
      return option;
    }),
  );
}

function currentOrder(): Wire<OrderChoice> | null {
  return view?.orders.find((o) => o.id === orderSelect.value) ?? null;
}

function lineFen(line: Line): number {
  return rateUnitsToFen((line.completed - line.rejected) * line.order.payRate);
}

/** Warnings the page can tell already; the server's own check follows on Submit. */
function pageWarnings(): string[] {
  const warnings: string[] = [];
  const seen = new Set<string>();
  for (const line of queue) {
    if (!line.resident.active && !seen.has(line.resident.id)) {
      seen.add(line.resident.id);
      warnings.push(
        text(lang, 'sbWarnInactive', { resident: `${line.resident.id} ${line.resident.name}` }),
      );
    }
  }
  for (const order of view?.orders ?? []) {
    if (order.left === null) continue;
    const accepted = queue
      .filter((l) => l.order.id === order.id)
      .reduce((sum, l) => sum + l.completed - l.rejected, 0);
    if (accepted > order.left)
      warnings.push(text(lang, 'sbWarnOverQuantity', { order: order.id, left: order.left }));
  }
  return warnings;
}

function showList(box: HTMLElement, intro: string, lines: readonly string[]): void {
  box.replaceChildren(node('p', intro), node('ul'));
  (box.lastChild as HTMLUListElement).replaceChildren(...lines.map((l) => node('li', l)));
  box.hidden = lines.length === 0;
}

function renderQueue(): void {
  const list = element<HTMLUListElement>('queue');
  if (queue.length === 0) list.replaceChildren(node('li', text(lang, 'sbQueueEmpty'), 'muted'));
  else
    list.replaceChildren(
      ...queue.map((line, index) => {
        const li = node('li');
        li.append(
          node(
            'span',
            text(lang, 'sbLine', {
              resident: `${line.resident.id} ${line.resident.name}`,
              order: line.order.id,
              accepted: line.completed - line.rejected,
              rejected: line.rejected,
              pay: moneyText(lineFen(line), view?.currency ?? ''),
            }),
          ),
        );
        const remove = node('button', text(lang, 'sbRemove'));
        remove.setAttribute('aria-label', `${text(lang, 'sbRemove')} ${index + 1}`);
        remove.addEventListener('click', () => {
          queue = queue.filter((l) => l !== line);
          renderQueue();
        });
        li.append(remove);
        return li;
      }),
    );
  const accepted = queue.reduce((sum, l) => sum + l.completed - l.rejected, 0);
  const fen = queue.reduce((sum, l) => sum + lineFen(l), 0);
  element('totals').textContent = text(lang, 'sbTotals', {
    lines: queue.length,
    accepted,
    pay: moneyText(fen, view?.currency ?? ''),
  });
  showList(element('warnings'), '', pageWarnings());
  submitButton.disabled = queue.length === 0 || sending;
  anywayButton.hidden = true;
}

function addLine(): void {
  const order = currentOrder();
  const resident = picker.picked;
  if (!order) return showStatus(text(lang, 'sbPickOrder'), 'refused');
  if (!resident) {
    residentInput.focus();
    return showStatus(text(lang, 'sbPickResident'), 'refused');
  }
  const completed = countOf(completedInput.value);
  const rejected = countOf(rejectedInput.value);
  if (completed === null || rejected === null || rejected > completed || completed === 0) {
    completedInput.focus();
    return showStatus(text(lang, 'sbCountInvalid'), 'refused');
  }
  lineNumber += 1;
  queue.push({
    entry: `${key}-${lineNumber}`,
    resident,
    order,
    completed,
    rejected,
    notes: notesInput.value,
  });
  element('status').hidden = true;
  picker.clear();
  completedInput.value = '';
  rejectedInput.value = '';
  notesInput.value = '';
  renderQueue();
  residentInput.focus();
}

async function submit(acceptWarnings: boolean): Promise<void> {
  if (sending || queue.length === 0) return;
  sending = true;
  submitButton.disabled = true;
  anywayButton.hidden = true;
  const sent = queue;
  try {
    localStorage.setItem('gongfang.recordedBy', recordedByInput.value);
  } catch {
    // Storage may be off in the sidebar's frame; the name is then typed each time.
  }
  try {
    const reply = await callServer('submitPiecesBatch', {
      date: dateInput.value,
      recordedBy: recordedByInput.value,
      acceptWarnings,
      lines: sent.map((l) => ({
        entry: l.entry,
        residentId: l.resident.id,
        orderId: l.order.id,
        completed: String(l.completed),
        rejected: String(l.rejected),
        notes: l.notes,
      })),
    });
    lang = reply.lang;
    if (!reply.ok) showStatus(reply.message, 'refused');
    else if (reply.value.kind === 'refused')
      showList(element('warnings'), text(lang, 'sbRefused'), reply.value.problems);
    else if (reply.value.kind === 'warnings') {
      showList(element('warnings'), text(lang, 'sbWarningsFound'), reply.value.warnings);
      anywayButton.hidden = false;
      anywayButton.focus();
    } else written(reply.value.tab, reply.value.lines, reply.value.alreadyWritten, sent);
  } catch (error) {
    // A network failure: the queue stays, with the same entry IDs, so Submit again is safe.
    showStatus(error instanceof Error ? error.message : String(error), 'refused');
  } finally {
    sending = false;
    submitButton.disabled = queue.length === 0;
  }
}

function written(
  tab: string,
  lines: Wire<WrittenLine>[],
  already: number[],
  sent: readonly Line[],
): void {
  const result = element('result');
  const rows = lines.map((l) => l.row);
  const paragraphs = [text(lang, 'sbWritten', { count: lines.length, rows: rows.join(', '), tab })];
  if (already.length > 0)
    paragraphs.push(
      text(lang, 'sbAlreadyWritten', { count: already.length, rows: already.join(', ') }),
    );
  result.className = 'status ok';
  result.replaceChildren(...paragraphs.map((p) => node('p', p)));
  result.hidden = false;
  for (const line of sent) {
    const order = view?.orders.find((o) => o.id === line.order.id);
    if (order && order.left !== null)
      (order as { left: number }).left = order.left - (line.completed - line.rejected);
  }
  const selected = orderSelect.value;
  fillOrders(selected);
  lastBatch = lines;
  undoButton.hidden = lines.length === 0;
  queue = [];
  key = batchKey();
  lineNumber = 0;
  element('warnings').hidden = true;
  renderQueue();
  residentInput.focus();
}

async function undo(): Promise<void> {
  if (lastBatch.length === 0) return;
  undoButton.disabled = true;
  const result = element('result');
  try {
    const reply = await callServer('undoPiecesBatch', lastBatch);
    lang = reply.lang;
    result.hidden = false;
    if (!reply.ok) {
      result.className = 'status refused';
      result.replaceChildren(node('p', reply.message));
    } else if (reply.value.kind === 'undone') {
      result.className = 'status ok';
      result.replaceChildren(node('p', text(lang, 'sbUndone', { count: reply.value.count })));
      lastBatch = [];
      undoButton.hidden = true;
    } else {
      result.className = 'status refused';
      showList(result, text(lang, 'sbUndoChanged'), reply.value.details);
    }
  } catch (error) {
    result.className = 'status refused';
    result.replaceChildren(node('p', error instanceof Error ? error.message : String(error)));
  } finally {
    undoButton.disabled = false;
  }
}

async function start(): Promise<void> {
  translatePage(lang);
  showStatus(text(lang, 'sbLoading'), 'working');
  onEnter(completedInput, () => rejectedInput.focus());
  onEnter(rejectedInput, () => notesInput.focus());
  onEnter(notesInput, addLine);
  element('add').addEventListener('click', addLine);
  submitButton.addEventListener('click', () => void submit(false));
  anywayButton.addEventListener('click', () => void submit(true));
  undoButton.addEventListener('click', () => void undo());
  try {
    recordedByInput.value = localStorage.getItem('gongfang.recordedBy') ?? '';
  } catch {
    // See submit.
  }
  try {
    const reply = await callServer('recordPiecesInfo');
    lang = reply.lang;
    translatePage(lang);
    if (!reply.ok) return showStatus(reply.message, 'refused');
    view = reply.value;
    element('status').hidden = true;
    dateInput.value = view.today;
    fillOrders(view.lastOrder ?? view.orders[0]?.id ?? null);
    picker.setResidents(view.residents, view.recent);
    residentInput.placeholder = text(lang, 'sbSearchHint');
    for (const field of [
      dateInput,
      orderSelect,
      residentInput,
      completedInput,
      rejectedInput,
      notesInput,
    ])
      field.disabled = false;
    element<HTMLButtonElement>('add').disabled = false;
    renderQueue();
    residentInput.focus();
  } catch (error) {
    showStatus(error instanceof Error ? error.message : String(error), 'refused');
  }
}

void start();
