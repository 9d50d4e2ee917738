import { loadLedger, renderProblem } from '../../src/features/loadLedger';
import type { Problem } from '../../src/domain/problems';
import { MemoryWorkbook } from '../support/memoryWorkbook';
import { ORDER_HEADER, PIECE_HEADER, RESIDENT_HEADER, sampleSheets } from '../support/ledgerSheets';

const today = '2026-11-28';

function codes(problems: readonly Problem[]): string[] {
  return problems.map((p) => `${p.severity} ${p.tab}:${p.row}:${p.column ?? '-'} ${p.code}`);
}

describe('loadLedger', () => {
  it('reads a valid ledger into records, one port read per tab', () => {
    const workbook = new MemoryWorkbook(sampleSheets());
    const ledger = loadLedger(workbook, { today });
    expect(ledger.lang).toBe('zh-CN');
    expect(ledger.timeZone).toBe('Asia/Shanghai');
    expect(ledger.settings).toEqual({
      organization: '幸福社区工坊',
      currency: '¥',
      language: null,
      autoCorrect: true,
    });
    expect(ledger.residents.map((r) => [r.id, r.phone, r.category, r.active])).toEqual([
      ['R001', '13800138000', 'hardship', true],
      ['R002', '', 'retired', true],
      ['R003', '', 'homemaker', false],
    ]);
    expect(
      ledger.orders.map((o) => [o.id, o.payRate, o.partnerPrice, o.quantity, o.status]),
    ).toEqual([
      ['O-1', 150, 300, 1000, 'open'],
      ['O-2', 25000, null, null, 'done'],
    ]);
    expect(ledger.pieces).toEqual([
      expect.objectContaining({
        row: 2,
        date: '2026-11-03',
        residentId: 'R001',
        orderId: 'O-1',
        completed: 100,
        rejected: 2,
        entry: 'E1',
      }),
      expect.objectContaining({ row: 3, residentId: 'R002', orderId: 'O-2' }),
    ]);
    expect(ledger.adjustments).toEqual([
      { row: 2, month: '2026-11', residentId: 'R001', amount: -500, reason: '材料费' },
    ]);
    // The only problem: a piece on an order marked done.
    expect(codes(ledger.problems)).toEqual(['warning pieces:3:order orderClosed']);
    expect(workbook.count('readTab')).toBe(6);
    expect(ledger.tabs.pieces?.name).toBe('计件');
    expect(ledger.columns.pieces).toMatchObject({ date: 1, resident: 2, entry: 8 });
  });

  it('makes the same number of port calls whatever the number of rows', () => {
    const sheets = sampleSheets();
    const many = sampleSheets();
    const pieces = many['计件'] ?? [];
    for (let i = 0; i < 2000; i++) pieces.push(['2026-11-05', 'R001', 'O-1', 1, 0, '', '', '']);
    const few = new MemoryWorkbook(sheets);
    const lots = new MemoryWorkbook(many);
    loadLedger(few, { today });
    const ledger = loadLedger(lots, { today });
    expect(lots.calls).toEqual(few.calls);
    expect(ledger.pieces).toHaveLength(2002);
  });

  it('matches tabs and headers in English, reordered, with extra columns, and speaks English', () => {
    const workbook = new MemoryWorkbook(
      {
        ' residents ': [
          ['Notes', 'Name', 'my column', 'ID', 'ACTIVE'],
          ['', 'Wang', 'x', 'R001', 'yes'],
        ],
        Orders: [
          ['ID', 'Pay rate', 'Quantity', 'Status'],
          ['O-1', '0.5', '10', 'open'],
        ],
        Pieces: [
          ['Resident', 'Order', 'Date', 'Completed', 'Rejected'],
          ['R001', 'O-1', '2026/11/3', '4', ''],
        ],
      },
      { locale: 'en_US', timeZone: 'America/New_York' },
    );
    const ledger = loadLedger(workbook, { today });
    expect(ledger.lang).toBe('en');
    expect(ledger.pieces).toEqual([
      expect.objectContaining({
        date: '2026-11-03',
        residentId: 'R001',
        completed: 4,
        rejected: 0,
      }),
    ]);
    expect(ledger.residents[0]).toMatchObject({ id: 'R001', name: 'Wang', active: true });
    // Partners, Adjustments and Settings are missing: warnings, not errors.
    expect(codes(ledger.problems)).toEqual([
      'warning partners:0:- missingTab',
      'warning adjustments:0:- missingTab',
      'warning settings:0:- missingTab',
    ]);
    expect(renderProblem(ledger.problems[0] as Problem, ledger)).toEqual({
      where: 'Partners',
      message: 'The "Partners" tab is missing. Run Gongfang › Set up workbook.',
    });
  });

  it('lets the Settings language override the locale', () => {
    const sheets = sampleSheets();
    sheets['设置']?.push(['语言', 'English']);
    const ledger = loadLedger(new MemoryWorkbook(sheets), { today });
    expect(ledger.lang).toBe('en');
    expect(ledger.settings.language).toBe('en');
    // Suggested crafts follow the ledger language.
    expect(ledger.orders[0]?.craft).toBe('paper cutting');
  });

  it('never throws on an empty spreadsheet', () => {
    const ledger = loadLedger(
      new MemoryWorkbook({}, { locale: 'zh_CN', timeZone: 'Asia/Shanghai' }),
      {
        today,
      },
    );
    expect(ledger.pieces).toEqual([]);
    expect(codes(ledger.problems)).toEqual([
      'error residents:0:- missingTab',
      'warning partners:0:- missingTab',
      'error orders:0:- missingTab',
      'error pieces:0:- missingTab',
      'warning adjustments:0:- missingTab',
      'warning settings:0:- missingTab',
    ]);
    expect(renderProblem(ledger.problems[0] as Problem, ledger)).toEqual({
      where: '「居民」',
      message: '找不到「居民」工作表。请运行菜单「工坊 › 设置工作簿」。',
    });
  });

  it('reports a tab without a header row and a missing required column', () => {
    const sheets = sampleSheets();
    sheets['居民'] = [['这是名单'], ['R001', '王秀英']];
    sheets['计件'] = [
      PIECE_HEADER.filter((h) => h !== '不合格数'),
      ['2026-11-03', 'R001', 'O-1', 100, '小陈', '', 'E1'],
    ];
    sheets['空'] = [];
    const ledger = loadLedger(new MemoryWorkbook(sheets), { today });
    expect(codes(ledger.problems)).toEqual([
      'error residents:1:- noHeaderRow',
      'error pieces:1:rejected missingColumn',
      // With no readable Residents tab, references to residents cannot be checked.
      'error adjustments:2:resident residentUnknown',
    ]);
    expect(ledger.pieces).toEqual([]);
    expect(ledger.residents).toEqual([]);
    const [header, column] = ledger.problems;
    expect(renderProblem(column as Problem, ledger)).toEqual({
      where: '「计件」第 1 行「不合格数」',
      message: '「计件」缺少「不合格数」列，本表内容未读取。请运行菜单「工坊 › 设置工作簿」补上。',
    });
    expect(renderProblem(header as Problem, { ...ledger, lang: 'en' }).message).toContain(
      'Row 1 of "居民" has no header',
    );
  });

  it('turns hostile cells into problems worded in the user language', () => {
    const sheets = sampleSheets();
    const huge = 'x'.repeat(50_000);
    sheets['计件'] = [
      PIECE_HEADER,
      ['#N/A', 'R001', 'O-1', 1, 0, '', '', ''],
      ['2026-11-03', 'R001', 'O-1', huge, 0, '', '', ''],
      ['2026-11-03', 'R001', 'O-1', true, false, '', '', ''],
      ['2026-11-03', 'R001', 'O-1', 10, 12, '', '', ''],
      [new Date(Number.NaN), 'R001', 'O-1', 1, 0, '', '', ''],
    ];
    const ledger = loadLedger(new MemoryWorkbook(sheets), { today });
    expect(ledger.pieces).toEqual([]);
    expect(codes(ledger.problems)).toEqual([
      'error pieces:2:date errorValue',
      'error pieces:3:completed notWholeNumber',
      'error pieces:4:completed notWholeNumber',
      'error pieces:4:rejected notWholeNumber',
      'error pieces:5:rejected rejectedOverCompleted',
      'error pieces:6:date dateUnreadable',
    ]);
    const rendered = ledger.problems.map((p) => renderProblem(p, ledger));
    expect(rendered[0]).toEqual({
      where: '「计件」第 2 行「日期」',
      message: '单元格显示错误值 #N/A，请修正公式或直接填写内容',
    });
    expect(rendered[1]?.message.length).toBeLessThan(100);
    expect(rendered[4]?.message).toBe('不合格数（12）大于完成数（10）');
    const english = renderProblem(ledger.problems[4] as Problem, { ...ledger, lang: 'en' });
    expect(english).toEqual({
      where: '计件, row 5, 不合格数',
      message: 'Rejected (12) is more than Completed (10)',
    });
  });

  it('returns notes when asked, and the actual tab names', () => {
    const workbook = new MemoryWorkbook(sampleSheets());
    const tab = workbook.tab('计件');
    if (tab) (tab.notes[1] as string[])[3] = '⚠ 工坊 Gongfang: old';
    const ledger = loadLedger(workbook, { today, withNotes: true });
    expect(ledger.tabs.pieces?.notes?.[1]?.[3]).toBe('⚠ 工坊 Gongfang: old');
    expect(loadLedger(workbook, { today }).tabs.pieces?.notes).toBeUndefined();
  });

  it('renders problems raised by other areas through the whole catalogue', () => {
    const ledger = loadLedger(new MemoryWorkbook(sampleSheets()), { today });
    const foreign: Problem = {
      severity: 'error',
      tab: 'orders',
      row: 3,
      column: null,
      code: 'ok',
      params: {},
    };
    expect(renderProblem(foreign, ledger)).toEqual({ where: '「订单」第 3 行', message: '确定' });
  });

  it('keeps the header names used in the sheet', () => {
    const sheets = sampleSheets();
    sheets['订单'] = [
      ORDER_HEADER.map((h) => (h === '计件单价' ? '单价' : h)),
      ['O-1', 'P01', '窗花', '剪纸', -1, '', '', '', '', '', ''],
    ];
    sheets['居民'] = [RESIDENT_HEADER, ['R001', '王秀英', '', '', '', '', '', '']];
    const ledger = loadLedger(new MemoryWorkbook(sheets), { today });
    const rate = ledger.problems.find((p) => p.code === 'rateNegative') as Problem;
    expect(renderProblem(rate, ledger).where).toBe('「订单」第 2 行「单价」');
  });

  describe('with closedMonths', () => {
    /** The sample ledger plus October rows of the done order O-2 and the inactive R003. */
    function withOctober(): MemoryWorkbook {
      const sheets = sampleSheets();
      sheets['计件']?.push(
        ['2026-10-20', 'R003', 'O-1', 5, 0, '', '', 'E3'],
        ['2026-10-21', 'R001', 'O-2', 5, 0, '', '', 'E4'],
        ['2026-10-21', 'R001', 'O-2', 5, 0, '', '', 'E5'],
      );
      return new MemoryWorkbook(sheets);
    }

    it('warns about every row of an inactive resident or a finished order by default', () => {
      expect(codes(loadLedger(withOctober(), { today }).problems)).toEqual([
        'warning pieces:3:order orderClosed',
        'warning pieces:4:resident residentInactive',
        'warning pieces:5:order orderClosed',
        'warning pieces:6:- looksDuplicate',
        'warning pieces:6:order orderClosed',
      ]);
    });

    it('passes them to validation: those two warnings are left out in closed months only', () => {
      const workbook = withOctober();
      const ledger = loadLedger(workbook, { today, closedMonths: ['2026-10', '2026-09'] });
      expect(codes(ledger.problems)).toEqual([
        'warning pieces:3:order orderClosed',
        'warning pieces:6:- looksDuplicate',
      ]);
      expect(ledger.pieces.map((piece) => piece.row)).toEqual([2, 3, 4, 5, 6]);
      expect(workbook.count('readTab')).toBe(6);
    });
  });

  describe('with readPartners: false (Generate, Close)', () => {
    /** Every tab name the port was asked for. */
    function askedFor(workbook: MemoryWorkbook): () => string[] {
      const asked: string[] = [];
      const read = workbook.readTab.bind(workbook);
      workbook.readTab = (names, options) => {
        asked.push(...names);
        return read(names, options);
      };
      return () => asked;
    }

    it('does not read Partners and leaves everything else as it was', () => {
      const workbook = new MemoryWorkbook(sampleSheets());
      const asked = askedFor(workbook);
      const ledger = loadLedger(workbook, { today, readPartners: false });
      expect(asked()).not.toContain('合作单位');
      expect(asked()).not.toContain('Partners');
      expect(workbook.count('readTab')).toBe(5);
      expect(ledger.partners).toEqual([]);
      expect(ledger.tabs.partners).toBeUndefined();
      const full = loadLedger(new MemoryWorkbook(sampleSheets()), { today });
      expect(full.partners.map((p) => p.id)).toEqual(['P01']);
      expect(ledger.orders).toEqual(full.orders);
      expect(ledger.pieces).toEqual(full.pieces);
      expect(codes(ledger.problems)).toEqual(codes(full.problems));
    });

    it('says nothing about partners: unread is not missing, and no partner is unknown', () => {
      const sheets = sampleSheets();
      delete sheets['合作单位'];
      (sheets['订单']?.[1] as unknown[])[1] = 'P404';
      const full = loadLedger(new MemoryWorkbook(sheets), { today });
      // Check data still reads Partners and reports both.
      expect(codes(full.problems)).toEqual([
        'warning partners:0:- missingTab',
        'warning pieces:3:order orderClosed',
      ]);
      const withPartners = sampleSheets();
      (withPartners['订单']?.[1] as unknown[])[1] = 'P404';
      expect(codes(loadLedger(new MemoryWorkbook(withPartners), { today }).problems)).toEqual([
        'warning orders:2:partner partnerUnknown',
        'warning pieces:3:order orderClosed',
      ]);
      for (const workbook of [new MemoryWorkbook(sheets), new MemoryWorkbook(withPartners)]) {
        const ledger = loadLedger(workbook, { today, readPartners: false });
        expect(codes(ledger.problems)).toEqual(['warning pieces:3:order orderClosed']);
        expect(ledger.orders[0]?.partnerId).toBe('P404');
      }
    });
  });
});
