/**
 * The spreadsheet UI (menus, alerts, prompts, dialogs) and HtmlService. Everything shown is
 * recorded in UiRecorder for assertions; answers to alerts and prompts are queued by tests.
 * https://developers.google.com/apps-script/reference/base/ui
 * https://developers.google.com/apps-script/reference/html/html-service
 */
import type { Env } from './env';

export type ButtonName = 'OK' | 'CANCEL' | 'YES' | 'NO' | 'CLOSE';
type MenuItem = { caption: string; functionName: string } | 'separator';

export interface UiRecorder {
  menus: { title: string; items: MenuItem[] }[];
  alerts: { title: string; message: string; buttons: string }[];
  prompts: { title: string; message: string }[];
  toasts: { message: string; title: string; timeoutSeconds: number }[];
  dialogs: {
    kind: 'modal' | 'modeless' | 'sidebar';
    title: string;
    html: string;
    width: number;
    height: number;
  }[];
  answerNextAlert(button: ButtonName): void;
  answerNextPrompt(text: string, button?: 'OK' | 'CANCEL' | 'CLOSE'): void;
}

export const Button = { OK: 'OK', CANCEL: 'CANCEL', YES: 'YES', NO: 'NO', CLOSE: 'CLOSE' } as const;
export const ButtonSet = {
  OK: 'OK',
  OK_CANCEL: 'OK_CANCEL',
  YES_NO: 'YES_NO',
  YES_NO_CANCEL: 'YES_NO_CANCEL',
} as const;

export class Recorder implements UiRecorder {
  menus: UiRecorder['menus'] = [];
  alerts: UiRecorder['alerts'] = [];
  prompts: UiRecorder['prompts'] = [];
  toasts: UiRecorder['toasts'];
  dialogs: UiRecorder['dialogs'] = [];
  readonly alertAnswers: ButtonName[] = [];
  readonly promptAnswers: { text: string; button: ButtonName }[] = [];

  constructor(toasts: UiRecorder['toasts']) {
    this.toasts = toasts;
  }
  answerNextAlert(button: ButtonName): void {
    this.alertAnswers.push(button);
  }
  answerNextPrompt(text: string, button: 'OK' | 'CANCEL' | 'CLOSE' = 'OK'): void {
    this.promptAnswers.push({ text, button });
  }
}

class MenuImpl {
  private readonly items: MenuItem[] = [];
  constructor(
    private readonly recorder: Recorder,
    private readonly env: Env,
    private readonly title: string,
  ) {}
  addItem(caption: string, functionName: string): this {
    this.items.push({ caption, functionName });
    return this;
  }
  addSeparator(): this {
    this.items.push('separator');
    return this;
  }
  addSubMenu(menu: unknown): this {
    const sub = this.env.unwrap(menu as object) as MenuImpl;
    sub.items.forEach((item) =>
      this.items.push(
        item === 'separator' ? item : { ...item, caption: `${sub.title} › ${item.caption}` },
      ),
    );
    return this;
  }
  addToUi(): void {
    const existing = this.recorder.menus.findIndex((m) => m.title === this.title);
    const menu = { title: this.title, items: [...this.items] };
    if (existing >= 0) this.recorder.menus[existing] = menu;
    else this.recorder.menus.push(menu);
  }
}

function isButtonSet(value: unknown): boolean {
  return typeof value === 'string' && value in ButtonSet;
}

export class UiImpl {
  readonly Button = Button;
  readonly ButtonSet = ButtonSet;

  constructor(
    private readonly recorder: Recorder,
    private readonly env: Env,
  ) {}

  createMenu(caption: string): unknown {
    return this.env.counted(new MenuImpl(this.recorder, this.env, caption), 'Menu');
  }
  createAddonMenu(): unknown {
    return this.env.counted(new MenuImpl(this.recorder, this.env, 'Add-ons'), 'Menu');
  }
  /** alert(prompt), alert(prompt, buttons), alert(title, prompt, buttons). */
  alert(first: string, second?: unknown, third?: unknown): string {
    let title = '';
    let message = String(first);
    let buttons: string = ButtonSet.OK;
    if (third !== undefined) {
      title = String(first);
      message = String(second);
      buttons = String(third);
    } else if (isButtonSet(second)) {
      buttons = String(second);
    }
    this.recorder.alerts.push({ title, message, buttons });
    return this.recorder.alertAnswers.shift() ?? Button.OK;
  }
  prompt(first: string, second?: unknown, third?: unknown): unknown {
    const title = third !== undefined ? String(first) : '';
    const message = third !== undefined ? String(second) : String(first);
    this.recorder.prompts.push({ title, message });
    const answer = this.recorder.promptAnswers.shift() ?? { text: '', button: 'OK' };
    return this.env.counted(
      { getResponseText: () => answer.text, getSelectedButton: () => answer.button },
      'PromptResponse',
    );
  }
  private show(kind: 'modal' | 'modeless' | 'sidebar', output: unknown, title?: string): void {
    const html = this.env.unwrap(output as object) as HtmlOutputImpl;
    if (!(html instanceof HtmlOutputImpl)) throw this.env.fail('Invalid argument: userInterface');
    this.recorder.dialogs.push({
      kind,
      title: title ?? html.getTitle(),
      html: html.getContent(),
      width: kind === 'sidebar' ? SIDEBAR_WIDTH : html.getWidth(),
      height: html.getHeight(),
    });
  }
  showSidebar(output: unknown): void {
    this.show('sidebar', output);
  }
  showModalDialog(output: unknown, title: string): void {
    this.show('modal', output, title);
  }
  showModelessDialog(output: unknown, title: string): void {
    this.show('modeless', output, title);
  }
}

/** Sidebars are 300 px wide whatever setWidth says. https://developers.google.com/apps-script/guides/dialogs#custom_sidebars */
const SIDEBAR_WIDTH = 300;

export class HtmlOutputImpl {
  private title = '';
  private width = 600;
  private height = 400;
  constructor(private content: string) {}
  setTitle(title: string): this {
    this.title = title;
    return this;
  }
  getTitle(): string {
    return this.title;
  }
  setWidth(width: number): this {
    this.width = width;
    return this;
  }
  getWidth(): number {
    return this.width;
  }
  setHeight(height: number): this {
    this.height = height;
    return this;
  }
  getHeight(): number {
    return this.height;
  }
  getContent(): string {
    return this.content;
  }
  setContent(content: string): this {
    this.content = content;
    return this;
  }
  append(addedContent: string): this {
    this.content += addedContent;
    return this;
  }
  setSandboxMode(): this {
    return this;
  }
  setXFrameOptionsMode(): this {
    return this;
  }
  addMetaTag(): this {
    return this;
  }
  setFaviconUrl(): this {
    return this;
  }
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/**
 * Templates: <?= name ?> is replaced by the template's property, HTML-escaped; <?!= name ?>
 * unescaped. Code scriptlets (<? … ?>) are not run (see docs/emulator.md).
 */
export class HtmlTemplateImpl {
  [property: string]: unknown;
  constructor(
    private readonly _source: string,
    private readonly _env: Env,
  ) {}
  evaluate(): unknown {
    const html = this._source.replace(
      /<\?(!?=)\s*([\s\S]*?)\s*\?>/g,
      (_m, kind: string, name: string) => {
        const value = this[name];
        const text = value === undefined || value === null ? '' : String(value);
        return kind === '!=' ? text : escapeHtml(text);
      },
    );
    return this._env.counted(new HtmlOutputImpl(html), 'HtmlOutput');
  }
  getRawContent(): string {
    return this._source;
  }
}

export class HtmlServiceImpl {
  readonly SandboxMode = { IFRAME: 'IFRAME', NATIVE: 'NATIVE', EMULATED: 'EMULATED' };
  readonly XFrameOptionsMode = { ALLOWALL: 'ALLOWALL', DEFAULT: 'DEFAULT' };

  constructor(
    private readonly env: Env,
    private readonly files: Record<string, string>,
  ) {}

  private file(name: string): string {
    const content = this.files[name] ?? this.files[`${name}.html`];
    if (content === undefined) throw this.env.fail(`No HTML file named ${name} was found.`);
    return content;
  }
  createHtmlOutput(html = ''): unknown {
    return this.env.counted(new HtmlOutputImpl(html), 'HtmlOutput');
  }
  createHtmlOutputFromFile(filename: string): unknown {
    return this.env.counted(new HtmlOutputImpl(this.file(filename)), 'HtmlOutput');
  }
  createTemplate(html: string): unknown {
    return this.env.counted(new HtmlTemplateImpl(html, this.env), 'HtmlTemplate');
  }
  createTemplateFromFile(filename: string): unknown {
    return this.env.counted(new HtmlTemplateImpl(this.file(filename), this.env), 'HtmlTemplate');
  }
}
