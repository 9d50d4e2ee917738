/**
 * Printed pages as a reader sees them: .xlsx files rendered to PDF by LibreOffice headless
 * (Debian's libreoffice-calc-nogui), then read back with poppler's pdftotext (poppler-utils):
 * every word with its box (-bbox), and the text in the order it is drawn (-raw), page by page.
 * Neither tool is ours, so what they read is what a printer gets.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface Word {
  readonly text: string;
  readonly xMin: number;
  readonly yMin: number;
  readonly xMax: number;
  readonly yMax: number;
}

export interface PdfPage {
  /** Points. */
  readonly width: number;
  readonly height: number;
  readonly words: readonly Word[];
  /** The page's text in drawing order (a wrapped cell's lines together). */
  readonly raw: string;
}

/** Why the print check cannot run here (null: it can). */
export function printToolsMissing(): string | null {
  const office = spawnSync('soffice', ['--version'], { encoding: 'utf8' });
  if (office.status !== 0) return 'soffice (LibreOffice) is not installed';
  const poppler = spawnSync('pdftotext', ['-v'], { encoding: 'utf8' });
  if (poppler.error) return 'pdftotext (poppler-utils) is not installed';
  return null;
}

/** Every file to PDF in one LibreOffice run, with a profile of its own (runs never collide). */
export function renderToPdf(files: readonly string[], folder: string): string[] {
  const out = path.join(folder, 'pdf');
  const run = spawnSync(
    'soffice',
    [
      `-env:UserInstallation=file://${path.join(folder, 'lo-profile')}`,
      '--headless',
      '--convert-to',
      'pdf',
      '--outdir',
      out,
      ...files,
    ],
    { encoding: 'utf8', timeout: 170_000 },
  );
  if (run.status !== 0) throw new Error(`soffice failed: ${run.stderr}`);
  return files.map((file) => {
    const pdf = path.join(out, path.basename(file).replace(/\.xlsx$/, '.pdf'));
    if (!fs.existsSync(pdf)) throw new Error(`soffice wrote no ${pdf}`);
    return pdf;
  });
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const decoded = (text: string): string =>
  text.replace(/&(amp|lt|gt|quot|apos);/g, (_, name: string) => ENTITIES[name] ?? '');

export function readPdf(file: string): PdfPage[] {
  const bbox = spawnSync('pdftotext', ['-bbox', file, '-'], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  }).stdout;
  const raw = spawnSync('pdftotext', ['-raw', file, '-'], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  }).stdout.split('\f');
  const pages: PdfPage[] = [];
  const pagePattern = /<page width="([\d.]+)" height="([\d.]+)">([\s\S]*?)<\/page>/g;
  for (const match of bbox.matchAll(pagePattern)) {
    const words: Word[] = [];
    const wordPattern =
      /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g;
    for (const w of (match[3] ?? '').matchAll(wordPattern)) {
      words.push({
        xMin: Number(w[1]),
        yMin: Number(w[2]),
        xMax: Number(w[3]),
        yMax: Number(w[4]),
        text: decoded(w[5] ?? ''),
      });
    }
    pages.push({
      width: Number(match[1]),
      height: Number(match[2]),
      words,
      raw: raw[pages.length] ?? '',
    });
  }
  return pages;
}

/** The page footer Gongfang writes: workshop, tab name (centred), page number. */
export function footerTab(page: PdfPage): string {
  return page.words
    .filter((w) => w.yMin > page.height - 50)
    .filter((w) => w.xMin > page.width * 0.3 && w.xMax < page.width * 0.7)
    .map((w) => w.text)
    .join(' ');
}

/** Words on one printed line: their vertical middles within 3 pt. */
export function linesOf(words: readonly Word[]): Word[][] {
  const sorted = [...words].sort((a, b) => a.yMin + a.yMax - (b.yMin + b.yMax));
  const lines: Word[][] = [];
  for (const word of sorted) {
    const middle = (word.yMin + word.yMax) / 2;
    const line = lines[lines.length - 1];
    const first = line?.[0];
    if (line && first && Math.abs((first.yMin + first.yMax) / 2 - middle) <= 3) line.push(word);
    else lines.push([word]);
  }
  return lines.map((line) => line.sort((a, b) => a.xMin - b.xMin));
}

/**
 * The band of a word's box its glyphs fill: pdftotext's boxes span the font's whole ascent and
 * descent (14.3 pt at 11 pt), taller than the lines of a wrapped cell are apart (11–12 pt), so
 * whole boxes of one cell's lines touch; the middle 60 % of each never does, unless one text is
 * printed over another.
 */
function inked(word: Word): { top: number; bottom: number } {
  const margin = (word.yMax - word.yMin) * 0.2;
  return { top: word.yMin + margin, bottom: word.yMax - margin };
}

/** Pairs of words printed over each other, described. */
export function overlaps(page: PdfPage): string[] {
  const found: string[] = [];
  const words = page.words;
  for (let i = 0; i < words.length; i += 1) {
    const a = words[i] as Word;
    for (let j = i + 1; j < words.length; j += 1) {
      const b = words[j] as Word;
      const x = Math.min(a.xMax, b.xMax) - Math.max(a.xMin, b.xMin);
      const y = Math.min(inked(a).bottom, inked(b).bottom) - Math.max(inked(a).top, inked(b).top);
      // A point of touching sideways is kerning or a shared edge; more is text over text.
      if (x > 1 && y > 0) found.push(`"${a.text}" over "${b.text}"`);
    }
  }
  return found;
}

/** A page drawn as a PNG (poppler's pdftoppm), for the docs' pictures. */
export function drawPage(pdf: string, page: number, file: string, dpi = 80): void {
  const stem = file.replace(/\.png$/, '');
  const run = spawnSync(
    'pdftoppm',
    ['-png', '-r', String(dpi), '-f', String(page), '-l', String(page), '-singlefile', pdf, stem],
    { encoding: 'utf8' },
  );
  if (run.status !== 0) throw new Error(`pdftoppm failed: ${run.stderr}`);
}
