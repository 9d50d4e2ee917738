/** 新增订单 / New order: the tab's columns as a form, the next ID suggested, one append. */
import '../sidebar-common/style.css';
import type { Lang } from '../../i18n';
import { callServer } from '../shared/serverClient';
import { element, initialLang, node, showLoadFailure, translatePage } from '../sidebar-common/page';
import { enterMoves, fillSelect, guardedSave, loadWithRetry, value } from '../sidebar-common/form';

let lang: Lang = initialLang();
const saveButton = element<HTMLButtonElement>('save');
const againButton = element<HTMLButtonElement>('saveAnyway');
const fieldIds = [
  'id',
  'partner',
  'product',
  'craft',
  'payRate',
  'partnerPrice',
  'quantity',
  'received',
  'due',
  'orderStatus',
  'notes',
];

async function load(): Promise<void> {
  const reply = await callServer('newOrderInfo');
  lang = reply.lang;
  translatePage(lang);
  // Retry goes through loadWithRetry: a failure of the retry itself gets its own Retry.
  if (!reply.ok)
    return showLoadFailure(
      lang,
      reply.message,
      () => void loadWithRetry(() => lang, load),
      reply.refused,
    );
  const view = reply.value;
  for (const id of ['product', 'craft', 'payRate', 'partnerPrice', 'quantity', 'due', 'notes'])
    element<HTMLInputElement>(id).value = '';
  element<HTMLInputElement>('id').value = view.nextId;
  element<HTMLInputElement>('received').value = view.today;
  fillSelect(element<HTMLSelectElement>('partner'), view.partners, true);
  fillSelect(element<HTMLSelectElement>('orderStatus'), view.statuses);
  element('crafts').replaceChildren(
    ...view.crafts.map((craft) => Object.assign(node('option'), { value: craft })),
  );
  saveButton.disabled = false;
  element('product').focus();
}

const save = guardedSave(
  () => lang,
  [saveButton, againButton],
  async (acceptWarnings) => {
    const reply = await callServer('saveNewOrder', {
      id: value('id'),
      partnerId: value('partner'),
      product: value('product'),
      craft: value('craft'),
      payRate: value('payRate'),
      partnerPrice: value('partnerPrice'),
      quantity: value('quantity'),
      received: value('received'),
      due: value('due'),
      status: value('orderStatus'),
      notes: value('notes'),
      acceptWarnings,
    });
    lang = reply.lang;
    return reply;
  },
  load,
);

async function start(): Promise<void> {
  translatePage(lang);
  enterMoves(
    fieldIds.map((id) => element(id)),
    () => void save(false),
  );
  saveButton.addEventListener('click', () => void save(false));
  againButton.addEventListener('click', () => void save(true));
  await loadWithRetry(() => lang, load);
}

void start();
