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
  SubmitOutcome,
  WrittenLine,
} from '../../features/recordPieces';
import { MAX_LINES_PER_SUBMIT } from '../../domain/limits';
import { rateUnitsToFen } from '../../domain/money';
import { type Wire, callServer } from '../shared/serverClient';
import {
  MAX_PIECES,
  ResidentPicker,
  batchKey,
  countOf,
  countTooLarge,
  element,
  failureText,
  initialLang,
  isolate,
  moneyText,
  node,
  onEnter,
  showLoadFailure,
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
/**
 * A submit or a refresh on its way. Neither starts while the other (or an Undo) is: each changes
 * the orders' "left" (a refresh read after a write, answered before its reply, and the reply
 * then took the lines off again).
 */
let sending = false;
/** Lines on their way to the server: they stay in the queue, and cannot be removed, until the
 * reply says what became of them. */
let inFlight = new Set<Line>();
/**
 * Lines of a submit that got no answer: they may be on the tab already. They cannot be removed
 * (a line removed here could stay on the tab unseen, without Undo) and Submit sends only them,
 * until an answer says what became of them: written, found, or refused (so not written).
 */
let unsure = new Set<Line>();
/** The lines whose warnings are shown: Submit anyway sends exactly these. */
let warned: Line[] = [];
/**
 * Whether staff chose the date (typed, picked, or kept it through Submit anyway); until then it is
 * the day the page opened, which the server questions once that day is past (left open overnight).
 */
let dateChosen = false;

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
const refreshButton = element<HTMLButtonElement>('refresh');

const picker = new ResidentPicker<ResidentChoice>(
  residentInput,
  element<HTMLUListElement>('residents'),
  () => ({
    inactive: text(lang, 'sbInactive'),
    recent: text(lang, 'sbRecent'),
    none: text(lang, 'sbNoMatchReopen'),
  }),
  () => completedInput.focus(),
);

function orderLabel(order: Wire<OrderChoice>): string {
  return text(lang, 'sbOrderOption', {
    id: isolate(order.id),
    product: isolate(order.product),
    craft: isolate(order.craft),
    rate: isolate(order.payRateText),
    left: order.left === null ? text(lang, 'sbUnlimited') : isolate(order.left),
    due: order.due === null ? text(lang, 'sbNoDue') : isolate(order.due),
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
  // At the rate last read: one corrected meanwhile shows on Refresh (a closed order's stays).
  const order = view?.orders.find((o) => o.id === line.order.id) ?? line.order;
  return rateUnitsToFen((line.completed - line.rejected) * order.payRate);
}

/** Warnings the page can tell already; the server's own check follows on Submit. */
function pageWarnings(): string[] {
  const warnings: string[] = [];
  const seen = new Set<string>();
  for (const line of queue) {
    if (!line.resident.active && !seen.has(line.resident.id)) {
      seen.add(line.resident.id);
      warnings.push(text(lang, 'sbWarnInactive', { resident: residentText(line.resident) }));
    }
  }
  for (const order of view?.orders ?? []) {
    if (order.left === null) continue;
    const accepted = queue
      .filter((l) => l.order.id === order.id)
      .reduce((sum, l) => sum + l.completed - l.rejected, 0);
    if (accepted > order.left)
      warnings.push(
        text(lang, 'sbWarnOverQuantity', { order: isolate(order.id), left: order.left }),
      );
  }
  return warnings;
}

function showList(box: HTMLElement, intro: string, lines: readonly string[]): void {
  box.replaceChildren(node('p', intro), node('ul'));
  (box.lastChild as HTMLUListElement).replaceChildren(...lines.map((l) => node('li', l)));
  box.hidden = lines.length === 0;
}

function residentText(resident: ResidentChoice): string {
  return `${isolate(resident.id)} ${isolate(resident.name)}`;
}

/**
 * Removes a line that is not on its way, then puts focus on the Remove button now in its
 * place (or the one before, or the resident box): never on <body>.
 */
function removeLine(line: Line): void {
  const index = queue.indexOf(line);
  queue = queue.filter((l) => l !== line);
  renderQueue();
  const buttons = Array.from(
    document.querySelectorAll<HTMLButtonElement>('#queue button:not([disabled])'),
  );
  (buttons[Math.min(index, buttons.length - 1)] ?? residentInput).focus();
}

function renderQueue(): void {
  const list = element<HTMLUListElement>('queue');
  list.setAttribute('aria-label', text(lang, 'sbQueueList'));
  if (queue.length === 0) list.replaceChildren(node('li', text(lang, 'sbQueueEmpty'), 'muted'));
  else
    list.replaceChildren(
      ...queue.map((line, index) => {
        const li = node('li');
        li.append(
          node(
            'span',
            text(lang, 'sbLine', {
              resident: residentText(line.resident),
              order: isolate(line.order.id),
              accepted: line.completed - line.rejected,
              rejected: line.rejected,
              pay: isolate(moneyText(lineFen(line), view?.currency ?? '')),
            }),
          ),
        );
        const remove = node('button', text(lang, 'sbRemove'));
        remove.setAttribute('aria-label', `${text(lang, 'sbRemove')} ${index + 1}`);
        // A line on its way will be written whatever the page does now: it cannot be removed.
        remove.disabled = inFlight.has(line) || unsure.has(line);
        remove.addEventListener('click', () => removeLine(line));
        li.append(remove);
        return li;
      }),
    );
  const accepted = queue.reduce((sum, l) => sum + l.completed - l.rejected, 0);
  const fen = queue.reduce((sum, l) => sum + lineFen(l), 0);
  // One date for the whole batch: said with the totals, so a changed date is seen on every line.
  element('totals').textContent = text(lang, 'sbTotals', {
    date: dateInput.value,
    lines: queue.length,
    accepted,
    pay: moneyText(fen, view?.currency ?? ''),
  });
  showList(element('warnings'), '', pageWarnings());
  submitButton.disabled = queue.length === 0 || sending;
  anywayButton.hidden = true;
}

/** No order picked: most often there is none open to pick (the list is empty). */
function noOrder(): void {
  showStatus(text(lang, view?.orders.length === 0 ? 'sbNoOpenOrder' : 'sbPickOrder'), 'refused');
}

/** The date changed under queued lines: they all go with it (one date a batch), and say so. */
function dateChanged(): void {
  dateChosen = true;
  // The warnings were about the date they were given (a later date may warn of its own).
  anywayButton.hidden = true;
  if (queue.length === 0) return;
  renderQueue();
  // A date being cleared or typed has no date to name yet (Submit then says it cannot be read).
  if (dateInput.value === '') element('status').hidden = true;
  else showStatus(text(lang, 'sbRedated', { lines: queue.length, date: dateInput.value }), 'info');
}

function addLine(): void {
  const order = currentOrder();
  const resident = picker.picked;
  if (!order) return noOrder();
  if (!resident) {
    residentInput.focus();
    return showStatus(text(lang, 'sbPickResident'), 'refused');
  }
  const completed = countOf(completedInput.value);
  const rejected = countOf(rejectedInput.value);
  if (countTooLarge(completed) || countTooLarge(rejected)) {
    completedInput.focus();
    return showStatus(
      text(lang, 'sbCountTooLarge', { max: MAX_PIECES.toLocaleString('en') }),
      'refused',
    );
  }
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
  refreshButton.disabled = true;
  anywayButton.hidden = true;
  // At most the server's batch (a longer one was refused whole, "close the sidebar", losing the
  // queue); the lines after it stay queued for the next Submit.
  const sent = (
    acceptWarnings ? warned : unsure.size > 0 ? queue.filter((line) => unsure.has(line)) : queue
  ).slice(0, MAX_LINES_PER_SUBMIT);
  inFlight = new Set(sent);
  renderQueue();
  showStatus(text(lang, 'sbSending'), 'working');
  // Submit anyway keeps the date the warnings named (the day the page opened, among them).
  if (acceptWarnings) dateChosen = true;
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
      retry: unsure.size > 0,
      ...(dateChosen || !view ? {} : { opened: view.today }),
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
    element('status').hidden = true;
    // The server looked for the lines before it answered (busy or a bad date: it did not).
    if (reply.ok) unsure = new Set();
    if (!reply.ok) showStatus(reply.message, 'refused');
    else if (reply.value.kind === 'refused')
      showList(element('warnings'), text(lang, 'sbRefused'), reply.value.problems);
    else if (reply.value.kind === 'warnings') {
      showList(element('warnings'), text(lang, 'sbWarningsFound'), reply.value.warnings);
      warned = sent;
      anywayButton.hidden = false;
      anywayButton.focus();
    } else written(reply.value, sent);
  } catch (error) {
    // No answer: the lines may be written. The queue stays with the same entry IDs, so Submit
    // again writes each line at most once (and the server looks for them with care).
    unsure = new Set(sent);
    showStatus(`${failureText(lang, error)}\n${text(lang, 'sbMaybeWritten')}`, 'refused');
  } finally {
    sending = false;
    refreshButton.disabled = false;
    inFlight = new Set();
    unlockQueue();
    inSight();
  }
}

/**
 * After a reply: a reason in the status box (closed month, busy, a lost reply) is above the form,
 * off the screen below a long queue or at 200 % zoom, so it is scrolled into sight; focus, dropped
 * to <body> when Submit was disabled while it worked, goes back to Submit.
 */
function inSight(): void {
  const status = element('status');
  if (document.activeElement === null || document.activeElement === document.body)
    submitButton.focus({ preventScroll: true });
  if (!status.hidden) status.scrollIntoView({ block: 'nearest' });
}

/** After a reply: every line left can be removed again but unsure ones (the warnings stay). */
function unlockQueue(): void {
  const buttons = Array.from(document.querySelectorAll<HTMLButtonElement>('#queue button'));
  buttons.forEach((button, index) => {
    const line = queue[index];
    button.disabled = line !== undefined && unsure.has(line);
  });
  submitButton.disabled = queue.length === 0;
}

function written(outcome: Wire<SubmitOutcome & { kind: 'written' }>, sent: readonly Line[]): void {
  const { tab, lines, earlier } = outcome;
  const result = element('result');
  const rowsOf = (list: readonly Wire<WrittenLine>[]) => list.map((l) => l.row).join(', ');
  const paragraphs: string[] = [];
  const where = isolate(tab);
  if (lines.length > 0) {
    paragraphs.push(
      text(lang, 'sbWritten', { count: lines.length, rows: rowsOf(lines), tab: where }),
    );
    if (earlier.length > 0)
      paragraphs.push(
        text(lang, 'sbAlreadyWritten', { count: earlier.length, rows: rowsOf(earlier) }),
      );
  } else {
    paragraphs.push(
      text(lang, 'sbAlreadyAll', { count: earlier.length, rows: rowsOf(earlier), tab: where }),
    );
  }
  result.className = 'status ok';
  result.replaceChildren(...paragraphs.map((p) => node('p', p)));
  result.hidden = false;
  // Lines found written before count too: the reply that would have counted them was lost.
  for (const line of [...earlier, ...lines]) {
    const order = view?.orders.find((o) => o.id === line.orderId);
    if (order && order.left !== null)
      (order as { left: number }).left = order.left - (line.completed - line.rejected);
  }
  fillOrders(orderSelect.value);
  lastBatch = [...earlier, ...lines].sort((a, b) => a.row - b.row);
  undoButton.hidden = lastBatch.length === 0;
  // Only the lines sent leave the queue: one added while they were on their way stays.
  queue = queue.filter((line) => !sent.includes(line));
  if (queue.length === 0) {
    key = batchKey();
    lineNumber = 0;
  }
  element('warnings').hidden = true;
  renderQueue();
  residentInput.focus();
}

async function undo(): Promise<void> {
  if (lastBatch.length === 0) return;
  undoButton.disabled = true;
  refreshButton.disabled = true;
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
      const { count } = reply.value;
      const said = count === 0 ? text(lang, 'sbUndoneBefore') : text(lang, 'sbUndone', { count });
      result.replaceChildren(node('p', said));
      for (const line of lastBatch) {
        const order = view?.orders.find((o) => o.id === line.orderId);
        if (order && order.left !== null)
          (order as { left: number }).left = order.left + (line.completed - line.rejected);
      }
      fillOrders(orderSelect.value);
      lastBatch = [];
      undoButton.hidden = true;
      // The button is gone: focus goes back to where the next line starts.
      residentInput.focus();
    } else {
      result.className = 'status refused';
      showList(result, text(lang, 'sbUndoChanged'), reply.value.details);
    }
  } catch (error) {
    result.className = 'status refused';
    result.replaceChildren(node('p', failureText(lang, error)));
  } finally {
    undoButton.disabled = false;
    refreshButton.disabled = sending;
  }
}

/**
 * Orders and residents as the sheet has them now: a colleague's new order or resident, an order
 * closed meanwhile, what is left of each. The queue, the order picked (while still open) and a
 * date staff chose are kept; an untouched date becomes today (the page may have opened yesterday).
 * An order picked and closed meanwhile is replaced, and the status says by which.
 */
async function reload(): Promise<void> {
  if (sending) return;
  sending = true;
  refreshButton.disabled = true;
  submitButton.disabled = true;
  undoButton.disabled = true;
  try {
    const reply = await callServer('recordPiecesInfo');
    lang = reply.lang;
    if (!reply.ok) return showStatus(reply.message, 'refused');
    const picked = orderSelect.value;
    view = reply.value;
    if (!dateChosen) dateInput.value = view.today;
    const still = view.orders.some((order) => order.id === picked);
    fillOrders(still ? picked : (view.lastOrder ?? view.orders[0]?.id ?? null));
    picker.setResidents(view.residents, view.recent);
    renderQueue();
    if (view.orders.length === 0) noOrder();
    // Another order is picked in its place: said, or the next lines go under it unnoticed.
    else if (!still && picked !== '') {
      const order = isolate(picked);
      showStatus(text(lang, 'sbOrderGone', { order, now: isolate(orderSelect.value) }), 'refused');
    } else showStatus(text(lang, 'sbRefreshed'), 'info');
  } catch (error) {
    showStatus(failureText(lang, error), 'refused');
  } finally {
    sending = false;
    refreshButton.disabled = false;
    submitButton.disabled = queue.length === 0;
    undoButton.disabled = false;
  }
}

async function load(): Promise<void> {
  showStatus(text(lang, 'sbLoading'), 'working');
  try {
    const reply = await callServer('recordPiecesInfo');
    lang = reply.lang;
    translatePage(lang);
    if (!reply.ok) return showLoadFailure(lang, reply.message, () => void load(), reply.refused);
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
    refreshButton.disabled = false;
    renderQueue();
    residentInput.focus();
    if (view.orders.length === 0) noOrder();
  } catch (error) {
    showLoadFailure(lang, failureText(lang, error), () => void load());
  }
}

function start(): void {
  translatePage(lang);
  onEnter(completedInput, () => rejectedInput.focus());
  onEnter(rejectedInput, () => notesInput.focus());
  onEnter(notesInput, addLine);
  element('add').addEventListener('click', addLine);
  submitButton.addEventListener('click', () => void submit(false));
  anywayButton.addEventListener('click', () => void submit(true));
  dateInput.addEventListener('input', dateChanged);
  undoButton.addEventListener('click', () => void undo());
  refreshButton.addEventListener('click', () => void reload());
  try {
    recordedByInput.value = localStorage.getItem('gongfang.recordedBy') ?? '';
  } catch {
    // See submit.
  }
  void load();
}

start();
