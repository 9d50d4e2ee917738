/**
 * How Sheets reads a string entered by a person or written with setValue(s): both are
 * "user entered" input, so "007" becomes 7 and "=A1" a formula, unless the cell is formatted
 * as plain text or the string starts with an apostrophe.
 * https://support.google.com/docs/answer/56470 (number formats),
 * https://developers.google.com/apps-script/reference/spreadsheet/range#setvaluevalue
 */
import { isAutomaticFormat, type RawCell } from './numberFormat';
import { wallToSerial } from './dates';

export interface TypedCell {
  value: RawCell;
  formula: string;
  /** A format Sheets applies because of what was typed, when the cell's format was automatic. */
  autoFormat: string | null;
}

const NUMBER = /^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?(?:[eE][+-]?\d+)?$|^[+-]?\.\d+$/;
const ISO_DATE = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const CHINESE_DATE = /^(\d{4})年(\d{1,2})月(\d{1,2})日$/;
const YEAR_MONTH = /^(\d{4})[-/](\d{1,2})$/;
const TIME = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/;
const SLASH_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

/** Locales that write day before month (most of Europe); en_US and zh_CN write month first. */
function dayFirst(locale: string): boolean {
  return !/^(en_US|en$|zh|ja|ko|en_PH|en_CA)/.test(locale);
}

/** The currency sign a locale's users type before amounts ("$12.50" in en_US). */
function currencySign(locale: string): string | null {
  if (locale.startsWith('zh') || locale === 'ja_JP') return '¥';
  if (locale === 'en_US' || locale === 'en') return '$';
  if (locale === 'en_GB') return '£';
  return null;
}

function typedNumber(text: string, locale: string): TypedCell | null {
  let body = text;
  let percent = false;
  const sign = currencySign(locale);
  if (sign !== null && body.startsWith(sign)) {
    const amount = typedNumber(body.slice(sign.length).trim(), 'none');
    if (!amount || typeof amount.value !== 'number') return null;
    return { value: amount.value, formula: '', autoFormat: `"${sign}"#,##0.00` };
  }
  if (body.endsWith('%')) {
    percent = true;
    body = body.slice(0, -1).trim();
  }
  if (!NUMBER.test(body)) return null;
  const grouped = body.includes(',');
  const number = Number(body.replace(/,/g, ''));
  if (!Number.isFinite(number)) return null;
  if (percent) {
    const decimals = body.includes('.') ? '0.00%' : '0%';
    return { value: number / 100, formula: '', autoFormat: decimals };
  }
  return { value: number, formula: '', autoFormat: grouped ? '#,##0' : null };
}

function dateCell(serial: number | null, format: string): TypedCell | null {
  return serial === null ? null : { value: serial, formula: '', autoFormat: format };
}

function typedDate(text: string, locale: string): TypedCell | null {
  const iso = ISO_DATE.exec(text) ?? CHINESE_DATE.exec(text);
  if (iso) {
    const [, y, m, d, hh, mm, ss] = iso;
    const serial = wallToSerial(
      Number(y),
      Number(m),
      Number(d),
      Number(hh ?? 0),
      Number(mm ?? 0),
      Number(ss ?? 0),
    );
    return dateCell(serial, hh === undefined ? 'yyyy-mm-dd' : 'yyyy-mm-dd hh:mm:ss');
  }
  const yearMonth = YEAR_MONTH.exec(text);
  if (yearMonth)
    return dateCell(wallToSerial(Number(yearMonth[1]), Number(yearMonth[2]), 1), 'yyyy-mm');
  const time = TIME.exec(text);
  if (time) {
    const [, hh, mm, ss] = time;
    const serial = wallToSerial(1899, 12, 30, Number(hh), Number(mm), Number(ss ?? 0));
    return dateCell(serial, ss === undefined ? 'h:mm' : 'h:mm:ss');
  }
  const slash = SLASH_DATE.exec(text);
  if (slash) {
    const [, a, b, y, hh, mm, ss] = slash;
    const [month, day] = dayFirst(locale) ? [Number(b), Number(a)] : [Number(a), Number(b)];
    const serial = wallToSerial(
      Number(y),
      month,
      day,
      Number(hh ?? 0),
      Number(mm ?? 0),
      Number(ss ?? 0),
    );
    const order = dayFirst(locale) ? 'd/m/yyyy' : 'm/d/yyyy';
    return dateCell(serial, hh === undefined ? order : `${order} h:mm:ss`);
  }
  return null;
}

/** Reads text as Sheets reads what a person types into a cell with the given format. */
export function parseTyped(text: string, cellFormat: string, locale: string): TypedCell {
  if (text.startsWith("'")) return { value: text.slice(1), formula: '', autoFormat: null };
  if (cellFormat === '@') return { value: text, formula: '', autoFormat: null };
  if (text.length > 1 && text.startsWith('='))
    return { value: '', formula: text, autoFormat: null };
  const trimmed = text.trim();
  if (trimmed === '') return { value: text === '' ? '' : text, formula: '', autoFormat: null };
  const upper = trimmed.toUpperCase();
  if (upper === 'TRUE' || upper === 'FALSE')
    return { value: upper === 'TRUE', formula: '', autoFormat: null };
  const first = trimmed.charCodeAt(0);
  const mayBeNumeric =
    (first >= 48 && first <= 57) ||
    first === 43 ||
    first === 45 ||
    first === 46 ||
    first === 36 ||
    first === 165 ||
    first === 163;
  if (mayBeNumeric) {
    const parsed = typedNumber(trimmed, locale) ?? typedDate(trimmed, locale);
    if (parsed) {
      if (!isAutomaticFormat(cellFormat)) parsed.autoFormat = null;
      return parsed;
    }
  }
  return { value: text, formula: '', autoFormat: null };
}
