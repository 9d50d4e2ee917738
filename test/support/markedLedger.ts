/**
 * A big English ledger for the file-safety bench (bench/fileSafety.ts) and the signal test
 * (test/cli/signals.test.ts): `pieces` rows of November 2026, every other one with more
 * rejected than completed, so that Check marks one cell in two. Written with exceljs's
 * streaming writer so that building it stays quick.
 */
import { stream } from 'exceljs';
import {
  ADJUSTMENT_HEADER,
  ORDER_HEADER,
  PIECE_HEADER,
  RESIDENT_HEADER,
  SETTING_HEADER,
} from './ledgerSheets';

const RESIDENTS = 200;
const ORDERS = 20;

const residentId = (i: number) => `R${String(i + 1).padStart(3, '0')}`;
const orderId = (i: number) => `O${String(i + 1).padStart(3, '0')}`;

/** A ledger with `pieces` rows, every other one with more rejected than completed. */
export async function writeMarkedLedger(file: string, pieces: number): Promise<void> {
  const writer = new stream.xlsx.WorkbookWriter({ filename: file, useStyles: true });
  const add = (name: string, rows: Iterable<unknown[]>) => {
    const ws = writer.addWorksheet(name);
    for (const row of rows) ws.addRow(row).commit();
    ws.commit();
  };
  add('Residents', [
    RESIDENT_HEADER,
    ...Array.from({ length: RESIDENTS }, (_, i) => [
      residentId(i),
      `Resident ${i + 1}`,
      '',
      'hardship',
      '',
      '',
      'yes',
      '',
    ]),
  ]);
  add('Partners', [
    ['ID', 'Name'],
    ['P01', 'Jingcai'],
  ]);
  add('Orders', [
    ORDER_HEADER,
    ...Array.from({ length: ORDERS }, (_, i) => [
      orderId(i),
      'P01',
      `Product ${i + 1}`,
      'rhinestone',
      0.015,
      '',
      '',
      '',
      '',
      'open',
    ]),
  ]);
  function* rows(): Generator<unknown[]> {
    yield PIECE_HEADER;
    for (let i = 0; i < pieces; i += 1) {
      const completed = 10 + (i % 40);
      const rejected = i % 2 === 0 ? completed + 1 : i % 3;
      yield [
        new Date(Date.UTC(2026, 10, 1 + (i % 27))),
        residentId(i % RESIDENTS),
        orderId(i % ORDERS),
        completed,
        rejected,
        'Li',
        '',
        String(i + 1),
      ];
    }
  }
  add('Pieces', rows());
  add('Adjustments', [ADJUSTMENT_HEADER]);
  add('Settings', [SETTING_HEADER, ['Organization', 'Bench workshop'], ['Language', 'en']]);
  await writer.commit();
}
