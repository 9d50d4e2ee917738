import { recordPiecesInfo, residentCard, residentLookupInfo, submitPiecesBatch, undoPiecesBatch, showRecordPiecesSidebar } from '../../src/apps-script/sidebars';
import { callsOf, installEmulator, pieceRows, seedWorkshop } from '../apps-script/support';
it('probe', () => {
  jest.useFakeTimers({ now: new Date('2026-11-20T02:00:00Z'), doNotFake: ['nextTick','setImmediate','setTimeout','clearTimeout'] });
  const { emulator, uninstall } = installEmulator({ locale: 'zh_CN', htmlFiles: { 'record-pieces': '<p>page</p>' } });
  seedWorkshop(emulator, pieceRows(1000));
  const run = <T,>(f: () => T): T => { let r!: T; emulator.execution(() => { r = f(); }); return r; };
  const out: Record<string, unknown> = {};
  out.menu = callsOf(emulator, () => run(() => showRecordPiecesSidebar())).byMethod;
  out.info = callsOf(emulator, () => run(() => recordPiecesInfo())).byMethod;
  out.lookup = callsOf(emulator, () => run(() => residentLookupInfo())).byMethod;
  out.card = callsOf(emulator, () => run(() => residentCard('R1'))).byMethod;
  let lines: unknown[] = [];
  out.submit = callsOf(emulator, () => { const r = run(() => submitPiecesBatch({ date: '2026-11-20', recordedBy: 'x', acceptWarnings: false, lines: [{ entry: 'BUDGETXX-1', residentId: 'R1', orderId: 'O1', completed: '3', rejected: '0', notes: '' }] })); if (r.ok && r.value.kind === 'written') lines = r.value.lines; }).byMethod;
  out.undo = callsOf(emulator, () => run(() => undoPiecesBatch(lines as never))).byMethod;
  require('fs').writeFileSync('/tmp/probe/sidebar.json', JSON.stringify(out, null, 1));
  uninstall();
});
