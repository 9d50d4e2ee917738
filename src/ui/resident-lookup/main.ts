/**
 * 查居民 / Look up a resident: find someone as in Record pieces, then their card: this month's
 * accepted pieces and pay so far (the payout's own computation), the last 6 months' net pay and
 * this month's orders. The phone number stays masked until clicked: the screen is often shared.
 */
import '../sidebar-common/style.css';
import type { Lang } from '../../i18n';
import type { ResidentChoice } from '../../features/recordPieces';
import type { ResidentCard } from '../../features/residentLookup';
import { type Wire, callServer } from '../shared/serverClient';
import {
  ResidentPicker,
  element,
  failureText,
  initialLang,
  isComposing,
  isolate,
  node,
  showLoadFailure,
  showStatus,
  text,
  translatePage,
} from '../sidebar-common/page';

let lang: Lang = initialLang();
/** The resident whose card is wanted now: a reply for anyone else came too late. */
let wanted = 0;
const residentInput = element<HTMLInputElement>('resident');
const picker = new ResidentPicker<ResidentChoice>(
  residentInput,
  element<HTMLUListElement>('residents'),
  () => ({
    inactive: text(lang, 'sbInactive'),
    recent: text(lang, 'sbRecent'),
    none: text(lang, 'sbNoMatchReopen'),
  }),
  (resident) => void show(resident.id),
);

/** 13800138000 → 138****8000; short numbers keep only their last 2 digits. */
export function maskPhone(phone: string): string {
  if (phone.length >= 11) return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
  return phone.length > 2 ? `${'*'.repeat(phone.length - 2)}${phone.slice(-2)}` : phone;
}

function pairs(
  list: HTMLDListElement,
  rows: readonly (readonly [string, string | HTMLElement])[],
): void {
  for (const [term, value] of rows) {
    const dd = node('dd');
    if (typeof value === 'string') dd.textContent = value;
    else dd.append(value);
    list.append(node('dt', term), dd);
  }
}

function phoneButton(phone: string): HTMLElement {
  if (phone === '') return node('span', '—');
  const button = node('button', maskPhone(phone));
  button.id = 'phone';
  button.title = text(lang, 'sbShowPhone');
  button.addEventListener('click', () => {
    button.textContent = phone;
  });
  return button;
}

/** The craft after the product, in the brackets of the page's language (English: " (…)"). */
function craftText(craft: string): string {
  return lang === 'en' ? ` (${isolate(craft)})` : `（${isolate(craft)}）`;
}

function render(card: Wire<ResidentCard>): void {
  const section = element('card');
  const head = node('h2');
  head.append(node('bdi', card.id), ' ', node('bdi', card.name));
  const facts = node('dl');
  pairs(facts, [
    [text(lang, 'sbCategory'), card.category || '—'],
    [text(lang, 'sbActive'), card.active ? text(lang, 'sbYes') : text(lang, 'sbNo')],
    [text(lang, 'sbPhone'), phoneButton(card.phone)],
  ]);
  const pay = node('dl');
  pairs(pay, [
    [text(lang, 'sbAccepted'), String(card.acceptedPieces)],
    [text(lang, 'sbPiecePay'), card.piecePayText],
    [text(lang, 'sbAdjustments'), card.adjustmentsText],
  ]);
  const net = node('p', `${text(lang, 'sbNetPay')} ${card.netPayText}`, 'big');
  net.id = 'netPay';
  const months = node('ul');
  months.replaceChildren(
    ...card.lastMonths.map((m) => node('li', `${m.month}  ${isolate(m.netPayText)}`)),
  );
  const orders = node('ul');
  orders.id = 'orders';
  orders.replaceChildren(
    ...(card.orders.length === 0
      ? [node('li', text(lang, 'sbNoWork'), 'muted')]
      : card.orders.map((o) =>
          node(
            'li',
            `${isolate(o.orderId)} ${isolate(o.product)}${craftText(o.craft)} × ${o.accepted} = ${isolate(o.amountText)}`,
          ),
        )),
  );
  section.replaceChildren(
    head,
    facts,
    node('h3', text(lang, 'sbMonthPay', { month: card.month })),
    pay,
    net,
    node('h3', text(lang, 'sbOrdersThisMonth')),
    orders,
    node('h3', text(lang, 'sbLastMonths')),
    months,
  );
  section.hidden = false;
}

/**
 * Why the wanted card cannot be shown. The card shown before goes: it is someone else's, under a
 * box that now names the one wanted (the screen is often shared, and its figures misread).
 */
function noCard(message: string): void {
  const card = element('card');
  card.hidden = true;
  card.removeAttribute('aria-busy');
  showStatus(message, 'refused');
}

async function show(residentId: string): Promise<void> {
  wanted += 1;
  const asked = wanted;
  element('card').setAttribute('aria-busy', 'true');
  try {
    const reply = await callServer('residentCard', residentId);
    // Another resident was picked while this card was on its way: it is not shown.
    if (asked !== wanted) return;
    element('card').removeAttribute('aria-busy');
    lang = reply.lang;
    if (!reply.ok) return noCard(reply.message);
    if (reply.value.card === null) return noCard(text(lang, 'sbNoMatch'));
    element('status').hidden = true;
    render(reply.value.card);
  } catch (error) {
    if (asked === wanted) noCard(failureText(lang, error));
  }
}

async function load(): Promise<void> {
  showStatus(text(lang, 'sbLoading'), 'working');
  try {
    const reply = await callServer('residentLookupInfo');
    lang = reply.lang;
    translatePage(lang);
    if (!reply.ok) return showLoadFailure(lang, reply.message, () => void load(), reply.refused);
    element('status').hidden = true;
    picker.setResidents(reply.value.residents, []);
    residentInput.placeholder = text(lang, 'sbSearchHint');
    residentInput.disabled = false;
    showButton.disabled = false;
    residentInput.focus();
  } catch (error) {
    showLoadFailure(lang, failureText(lang, error), () => void load());
  }
}

const showButton = element<HTMLButtonElement>('show');
// Show picks the resident the box names (or its first match): a target for Tab and a click.
showButton.addEventListener('click', () => {
  const resident = picker.current();
  const typed = residentInput.value.trim();
  if (typed === '') {
    residentInput.focus();
    return showStatus(text(lang, 'sbPickResident'), 'refused');
  }
  // Nobody in the list read at opening: the typed ID is asked of the sheet as it is now (a
  // resident a colleague added since has a card, though not yet a place in the list).
  if (resident === null) return void show(typed);
  picker.choose(resident);
});
// Enter with nobody listed does the same (Enter on a listed resident is the picker's).
residentInput.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && !isComposing(event) && picker.current() === null) showButton.click();
});
translatePage(lang);
void load();
