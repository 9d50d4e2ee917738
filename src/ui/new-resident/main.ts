/** 新增居民 / New resident: the tab's columns as a form, the next ID suggested, one append. */
import '../sidebar-common/style.css';
import { phoneKey } from '../../domain/phone';
import type { Lang } from '../../i18n';
import { callServer } from '../shared/serverClient';
import {
  element,
  initialLang,
  isolate,
  showLoadFailure,
  showStatus,
  text,
  translatePage,
} from '../sidebar-common/page';
import { enterMoves, fillSelect, guardedSave, loadWithRetry, value } from '../sidebar-common/form';

let lang: Lang = initialLang();
let residents: { id: string; name: string; phone: string }[] = [];
const saveButton = element<HTMLButtonElement>('save');
const againButton = element<HTMLButtonElement>('saveAnyway');
const fields = ['id', 'name', 'phone', 'category', 'skills', 'joined', 'notes'].map((id) =>
  element(id),
);

/** The same name and phone already on the tab (the server checks again when saving). */
function sameNameWarning(): void {
  const name = value('name').trim();
  const phone = phoneKey(value('phone'));
  const same = residents.find((r) => r.name === name && name !== '' && phoneKey(r.phone) === phone);
  if (same)
    showStatus(
      text(lang, 'sbSameNamePhone', { id: isolate(same.id), name: isolate(same.name) }),
      'refused',
    );
}

async function load(): Promise<void> {
  const reply = await callServer('newResidentInfo');
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
  residents = reply.value.residents;
  element<HTMLInputElement>('id').value = reply.value.nextId;
  for (const id of ['name', 'phone', 'skills', 'notes']) element<HTMLInputElement>(id).value = '';
  element<HTMLInputElement>('joined').value = reply.value.today;
  element<HTMLInputElement>('active').checked = true;
  fillSelect(element<HTMLSelectElement>('category'), reply.value.categories, true);
  saveButton.disabled = false;
  element('name').focus();
}

const save = guardedSave(
  () => lang,
  [saveButton, againButton],
  async (acceptWarnings) => {
    const reply = await callServer('saveNewResident', {
      id: value('id'),
      name: value('name'),
      phone: value('phone'),
      category: value('category'),
      skills: value('skills'),
      joined: value('joined'),
      active: element<HTMLInputElement>('active').checked,
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
  enterMoves(fields, () => void save(false));
  element('name').addEventListener('change', sameNameWarning);
  element('phone').addEventListener('change', sameNameWarning);
  saveButton.addEventListener('click', () => void save(false));
  againButton.addEventListener('click', () => void save(true));
  await loadWithRetry(() => lang, load);
}

void start();
