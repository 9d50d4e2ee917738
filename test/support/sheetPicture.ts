/**
 * A tab of the emulated spreadsheet drawn as HTML the way Google Sheets shows it — display
 * values, bold, alignment, borders (solid and dashed), column widths, notes' red corner, cell
 * backgrounds and charts — for the pictures in the README and the staff guide.
 */
import type { Emulator } from '../emulator';

export const escapeHtml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** An embedded chart drawn as a plain SVG line or column chart of its range (labels, values). */
export function chartAsSvg(chart: GoogleAppsScript.Spreadsheet.EmbeddedChart): string {
  const options = chart.getOptions();
  const width = Number(options.get('width'));
  const height = Number(options.get('height'));
  const title = String(options.get('title') ?? '');
  const data = (chart.getRanges()[0]?.getValues() ?? []).slice(1);
  // Months (2026-11) by their month; other labels (a quarter) as they are.
  const labels = data.map((row) =>
    /^\d{4}-\d{2}$/.test(String(row[0])) ? String(row[0]).slice(5) : String(row[0]),
  );
  const values = data.map((row) => Number(row[1]) || 0);
  const max = Math.max(1, ...values);
  const plot = { left: 40, top: 34, right: width - 12, bottom: height - 28 };
  const step = (plot.right - plot.left) / Math.max(1, values.length);
  const y = (v: number) => plot.bottom - (v / max) * (plot.bottom - plot.top);
  const x = (i: number) => plot.left + step * (i + 0.5);
  const line = String(chart.modify().getChartType()) === String(Charts.ChartType.LINE);
  const marks = line
    ? `<polyline fill="none" stroke="#4285f4" stroke-width="2" points="${values.map((v, i) => `${x(i)},${y(v)}`).join(' ')}"/>` +
      values.map((v, i) => `<circle cx="${x(i)}" cy="${y(v)}" r="3" fill="#4285f4"/>`).join('')
    : values
        .map(
          (v, i) =>
            `<rect x="${x(i) - step * 0.3}" y="${y(v)}" width="${step * 0.6}" height="${plot.bottom - y(v)}" fill="#4285f4"/>`,
        )
        .join('');
  const ticks = labels
    .map((l, i) => `<text x="${x(i)}" y="${plot.bottom + 16}" text-anchor="middle">${l}</text>`)
    .join('');
  return `<svg width="${width}" height="${height}" style="font:11px sans-serif;fill:#5f6368">
    <rect width="${width}" height="${height}" fill="#fff" stroke="#dadce0"/>
    <text x="12" y="20" style="font-size:13px;fill:#202124">${escapeHtml(title)}</text>
    <line x1="${plot.left}" y1="${plot.bottom}" x2="${plot.right}" y2="${plot.bottom}" stroke="#9aa0a6"/>
    <text x="${plot.left - 4}" y="${plot.top + 4}" text-anchor="end">${max.toLocaleString('en')}</text>
    ${marks}${ticks}</svg>`;
}

const A1 = (row: number, column: number): string => {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  }
  return `${letters}${row}`;
};

function edge(style: string | null): string {
  if (style === null) return '';
  // Wider than the 1 px gridlines, which would win a collapsed border of equal width.
  return style === 'DASHED' ? '2px dashed #404040' : '1px solid #808080';
}

export interface PictureOptions {
  /** Rows shown (from the top); default all. */
  readonly rows?: number;
  /** Show row 1 and then rows from this one on (1-based), e.g. where Check data marked cells. */
  readonly from?: number;
  /** The caption above the grid; default the tab's name. */
  readonly caption?: string;
  /** A cell (A1) whose note is shown open, as when the pointer rests on it. */
  readonly openNote?: string;
}

/** The tab as an HTML page (the emulator must be installed as the global services). */
export function tabAsHtml(emulator: Emulator, tab: string, options: PictureOptions = {}): string {
  const sheet = emulator.spreadsheet.getSheetByName(tab);
  if (!sheet) throw new Error(`no tab ${tab}`);
  const range = sheet.getDataRange();
  const all = range.getDisplayValues();
  const from = options.from ?? 2;
  const picked = [0, ...all.map((_, i) => i).filter((i) => i + 1 >= from)].slice(
    0,
    options.rows ?? Infinity,
  );
  const shown = picked.map((i) => all[i] ?? []);
  const allValues = range.getValues();
  const values = picked.map((i) => allValues[i] ?? []);
  const widths = shown[0]?.map((_, i) => sheet.getColumnWidth(i + 1)) ?? [];
  const charts = new Map<string, string>();
  for (const chart of sheet.getCharts()) {
    const at = chart.getContainerInfo();
    const key = `${at.getAnchorRow() - 1},${at.getAnchorColumn() - 1}`;
    charts.set(
      key,
      `<div style="position:absolute;left:0;top:0;z-index:1">${chartAsSvg(chart)}</div>`,
    );
  }
  const body = shown
    .map((row, r) => {
      const sheetRow = (picked[r] ?? 0) + 1;
      const cells = row.map((text, c) => {
        const cell = emulator.cell(tab, A1(sheetRow, c + 1));
        const chart = charts.get(`${sheetRow - 1},${c}`);
        if (chart) return `<td style="position:relative;overflow:visible">${chart}</td>`;
        const style: string[] = [];
        if (cell.fontWeight === 'bold') style.push('font-weight:bold');
        const number = typeof values[r]?.[c] === 'number';
        const align = cell.horizontalAlignment;
        if (align === 'right' || (align === 'general' && number)) style.push('text-align:right');
        if (align === 'center') style.push('text-align:center');
        // Like Sheets, text runs over into the next cell when that one is empty (past the last
        // column, the sheet's empty columns).
        const nextEmpty = c === row.length - 1 || row[c + 1] === '';
        if (!number && nextEmpty && align === 'general') style.push('overflow:visible');
        // A wrapped cell breaks its text into lines and its row grows, as in Sheets.
        if (cell.wrapStrategy === 'WRAP') style.push('white-space:normal;height:auto');
        if (cell.background !== '#ffffff') style.push(`background:${cell.background}`);
        const { top, bottom, left, right } = cell.borders;
        if (top) style.push(`border-top:${edge(top)}`);
        if (bottom) style.push(`border-bottom:${edge(bottom)}`);
        if (left) style.push(`border-left:${edge(left)}`);
        if (right) style.push(`border-right:${edge(right)}`);
        // A note shows as a small black triangle in the top-right corner, as in Sheets.
        const open =
          options.openNote === A1(sheetRow, c + 1) && cell.note !== ''
            ? `<div class="open-note">${escapeHtml(cell.note)}</div>`
            : '';
        const note = cell.note === '' ? '' : `<i class="note"></i>${open}`;
        const title = cell.note === '' ? '' : ` title="${escapeHtml(cell.note)}"`;
        return `<td style="${style.join(';')}"${title}>${note}${escapeHtml(text)}</td>`;
      });
      return `<tr>${cells.join('')}</tr>`;
    })
    .join('');
  const cols = widths.map((w) => `<col style="width:${w}px">`).join('');
  const width = widths.reduce((a, b) => a + b, 0);
  return `<html><head><meta charset="utf-8"><style>
    body{margin:8px;font:13px 'Noto Sans CJK SC',Arial,sans-serif;background:#fff}
    table{border-collapse:collapse;table-layout:fixed}
    td{border:1px solid #e8eaed;padding:0 4px;height:20px;line-height:20px;white-space:nowrap;overflow:hidden;position:relative}
    caption{text-align:left;padding:4px 0;color:#5f6368}
    td:has(.open-note){overflow:visible}
    .open-note{position:absolute;left:100%;top:0;z-index:2;width:240px;white-space:normal;line-height:18px;padding:6px 8px;background:#fff;border:1px solid #dadce0;box-shadow:0 1px 3px rgba(60,64,67,.3);font-weight:normal;text-align:left}
    .note{position:absolute;top:0;right:0;border-style:solid;border-width:0 6px 6px 0;border-color:transparent #202124 transparent transparent}
  </style></head><body><table style="width:${width}px"><caption>${escapeHtml(options.caption ?? tab)}</caption>${cols}${body}</table></body></html>`;
}
