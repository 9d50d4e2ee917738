/**
 * The workbook contract (DESIGN.md section 2) as data: tabs, columns with their Chinese and
 * English headers and aliases, and the value vocabularies. Everything that finds a tab or a
 * column by name goes through here, so a header spelled either way works everywhere.
 */
import type { Lang } from '../i18n/lang';
import type { AuditAction, AuditFlag } from '../domain/audit';

/** How a column's cells are read, formatted and validated. */
export type ColumnKind =
  | 'id' // text identifier; kept as text so 007 stays 007
  | 'text'
  | 'phone' // text, never a number
  | 'date'
  | 'month' // YYYY-MM
  | 'wholeNumber' // integer ≥ 0
  | 'payRate' // yuan, up to 4 decimals
  | 'money' // yuan, up to 2 decimals, signed
  | 'category'
  | 'status'
  | 'active'
  | 'craft'
  | 'residentRef'
  | 'orderRef'
  | 'partnerRef'
  | 'emails';

export interface ColumnSpec {
  readonly key: string;
  readonly zh: string;
  readonly en: string;
  /** Other spellings staff use; matched like the headers. */
  readonly aliases: readonly string[];
  readonly kind: ColumnKind;
}

export interface TabSpec<K extends string = string> {
  readonly key: K;
  readonly zh: string;
  readonly en: string;
  readonly aliases: readonly string[];
  readonly columns: readonly ColumnSpec[];
}

const col = (
  key: string,
  zh: string,
  en: string,
  kind: ColumnKind,
  aliases: readonly string[] = [],
): ColumnSpec => ({ key, zh, en, kind, aliases });

export const RESIDENTS = {
  key: 'residents',
  zh: '居民',
  en: 'Residents',
  aliases: ['居民名单', 'Resident'],
  columns: [
    col('id', '编号', 'ID', 'id', ['居民编号', 'Resident ID']),
    col('name', '姓名', 'Name', 'text', ['名字']),
    col('phone', '电话', 'Phone', 'phone', ['手机', '联系电话', 'Mobile']),
    col('category', '类别', 'Category', 'category', ['人员类别', 'Type']),
    col('skills', '技能', 'Skills', 'text', ['技艺']),
    col('joined', '加入日期', 'Joined', 'date', ['加入时间', 'Join date']),
    col('active', '在册', 'Active', 'active', ['是否在册']),
    col('notes', '备注', 'Notes', 'text', ['Note']),
  ],
} as const satisfies TabSpec<'residents'>;

export const PARTNERS = {
  key: 'partners',
  zh: '合作单位',
  en: 'Partners',
  aliases: ['合作企业', 'Partner'],
  columns: [
    col('id', '编号', 'ID', 'id', ['单位编号', 'Partner ID']),
    col('name', '名称', 'Name', 'text', ['单位名称']),
    col('contact', '联系人', 'Contact', 'text'),
    col('shareEmails', '共享邮箱', 'Share emails', 'emails', ['邮箱', 'Emails']),
    col('report', '进度表', 'Report', 'text', ['进度报告']),
    col('notes', '备注', 'Notes', 'text', ['Note']),
    /** The language of the partner's report (zh-CN / en); empty: the sheet's. */
    col('language', '语言', 'Language', 'text', ['报表语言', 'Report language']),
    /** Filled by Gongfang: the partner's own report spreadsheet (Sheets only). */
    col('reportLink', '进度表链接', 'Report link', 'text', ['报表链接']),
  ],
} as const satisfies TabSpec<'partners'>;

export const ORDERS = {
  key: 'orders',
  zh: '订单',
  en: 'Orders',
  aliases: ['订单列表', 'Order'],
  columns: [
    col('id', '编号', 'ID', 'id', ['订单编号', 'Order ID']),
    col('partner', '合作单位', 'Partner', 'partnerRef', ['合作单位编号', 'Partner ID']),
    col('product', '产品', 'Product', 'text', ['产品名称']),
    col('craft', '工艺', 'Craft', 'craft', ['工种']),
    col('payRate', '计件单价', 'Pay rate', 'payRate', ['单价', 'Rate']),
    col('partnerPrice', '合同单价', 'Partner price', 'payRate', ['合同价']),
    col('quantity', '数量', 'Quantity', 'wholeNumber', ['订单数量', 'Qty']),
    col('received', '接单日期', 'Received', 'date', ['接单时间']),
    col('due', '交货日期', 'Due', 'date', ['交货时间', 'Due date']),
    col('status', '状态', 'Status', 'status', ['订单状态']),
    col('notes', '备注', 'Notes', 'text', ['Note']),
  ],
} as const satisfies TabSpec<'orders'>;

export const PIECES = {
  key: 'pieces',
  zh: '计件',
  en: 'Pieces',
  aliases: ['计件登记', 'Piece'],
  columns: [
    col('date', '日期', 'Date', 'date', ['交件日期']),
    col('resident', '居民编号', 'Resident', 'residentRef', ['居民', 'Resident ID']),
    col('order', '订单编号', 'Order', 'orderRef', ['订单', 'Order ID']),
    col('completed', '完成数', 'Completed', 'wholeNumber', ['完成数量', '交件数']),
    col('rejected', '不合格数', 'Rejected', 'wholeNumber', ['不合格数量', '次品数']),
    col('recordedBy', '登记人', 'Recorded by', 'text', ['记录人']),
    col('notes', '备注', 'Notes', 'text', ['Note']),
    col('entry', '记录号', 'Entry', 'id', ['登记号', 'Entry ID']),
  ],
} as const satisfies TabSpec<'pieces'>;

export const ADJUSTMENTS = {
  key: 'adjustments',
  zh: '调整',
  en: 'Adjustments',
  aliases: ['工资调整', 'Adjustment'],
  columns: [
    col('month', '月份', 'Month', 'month'),
    col('resident', '居民编号', 'Resident', 'residentRef', ['居民', 'Resident ID']),
    col('amount', '金额', 'Amount', 'money', ['调整金额']),
    col('reason', '事由', 'Reason', 'text', ['原因', '备注']),
    /**
     * Filled by Gongfang on the correction rows it writes: the closed month corrected. Only this
     * column (never the reason's words) marks a row as a correction (docs/month.md).
     */
    col('correctsMonth', '更正月份', 'Corrects month', 'month'),
  ],
} as const satisfies TabSpec<'adjustments'>;

export const SETTINGS = {
  key: 'settings',
  zh: '设置',
  en: 'Settings',
  aliases: ['Setting'],
  columns: [
    col('setting', '项目', 'Setting', 'text', ['设置项', 'Key']),
    col('value', '值', 'Value', 'text', ['取值']),
  ],
} as const satisfies TabSpec<'settings'>;

/** Tabs staff edit, in the order Set up creates them. */
export const SOURCE_TABS = [RESIDENTS, PARTNERS, ORDERS, PIECES, ADJUSTMENTS, SETTINGS] as const;
export type SourceTab = (typeof SOURCE_TABS)[number];
export type SourceTabKey = SourceTab['key'];

export const CLOSINGS = {
  key: 'closings',
  zh: '结账',
  en: 'Closings',
  aliases: [],
  columns: [
    col('month', '月份', 'Month', 'month'),
    col('closedAt', '结账时间', 'Closed at', 'text'),
    col('closedBy', '结账人', 'Closed by', 'text'),
    col('residents', '人数', 'Residents', 'wholeNumber'),
    col('netPay', '实发合计', 'Total net pay', 'money'),
    /**
     * What was handed out at this closing: the net pay at a first closing; at a re-closing only
     * what was still owed (docs/month.md, "Paying, correcting and reopening").
     */
    col('paid', '本次发放', 'Paid at this closing', 'money'),
    /**
     * A reopening is a row of its own, with these three filled: nothing is ever deleted. Beside
     * the closing's columns, so they print with them (a reopening printed as a bare month).
     */
    col('reopenedAt', '撤销时间', 'Reopened at', 'text'),
    col('reopenedBy', '撤销人', 'Reopened by', 'text'),
    col('reopenReason', '撤销原因', 'Reopen reason', 'text'),
    col('fingerprint', '指纹', 'Fingerprint', 'id'),
    /**
     * Each resident's net pay, paid and corrections at closing, to work out corrections if the
     * month changes later. When it is longer than a cell holds it goes on in 明细 2 / Detail 2, …
     * (DETAIL_PART_HEADERS); on a reopening row, the corrections it withdrew.
     */
    col('snapshot', '明细', 'Detail', 'text'),
    /** The verified Google account that closed (Sheets), beside the name typed in Closed by. */
    col('closedByAccount', '结账账号', 'Closed by account', 'text'),
    /**
     * 1, 2, 3… in the order Gongfang wrote the rows: the tab is read by this, not by where the
     * rows sit, so sorting, filtering or moving rows changes nothing.
     */
    col('seq', '序号', 'Seq.', 'wholeNumber', ['No.']),
  ],
} as const satisfies TabSpec<'closings'>;

/**
 * 审计 / Audit: who changed what (docs/roles.md). One row per edit, paste, rows inserted or
 * removed, and per write of Gongfang's own; written by the audit trigger (Sheets) or by each
 * `gongfang` run from what changed in the file since the last one (.xlsx). Protected: managers
 * only. Its archive and inbox share the columns.
 */
export const AUDIT = {
  key: 'audit',
  zh: '审计',
  en: 'Audit',
  aliases: [],
  columns: [
    col('time', '时间', 'Time', 'text'),
    col('user', '用户', 'User', 'text'),
    col('action', '操作', 'Action', 'text'),
    col('tab', '工作表', 'Tab', 'text'),
    col('range', '范围', 'Range', 'text'),
    col('rows', '行数', 'Rows', 'wholeNumber'),
    /** The row's own key where it has one: entry, resident, order or partner ID, setting. */
    col('record', '记录', 'Record', 'text'),
    col('before', '原值', 'Old value', 'text'),
    col('after', '新值', 'New value', 'text'),
    col('flags', '标记', 'Flags', 'text'),
    col('details', '说明', 'Details', 'text'),
  ],
} as const satisfies TabSpec<'audit'>;

/** Audit rows moved out of 审计 / Audit once it grows past AUDIT_ROW_LIMIT: never deleted. */
export const AUDIT_ARCHIVE = {
  key: 'auditArchive',
  zh: '审计存档',
  en: 'Audit archive',
  aliases: [],
  columns: AUDIT.columns,
} as const satisfies TabSpec<'auditArchive'>;

/**
 * Hidden: what Gongfang's own writes log when the person running them may not write the
 * Audit tab (a staff member's sidebar); the audit trigger moves it into Audit (Sheets only).
 */
export const AUDIT_INBOX = {
  key: 'auditInbox',
  zh: '审计待录',
  en: 'Audit inbox',
  aliases: [],
  columns: AUDIT.columns,
} as const satisfies TabSpec<'auditInbox'>;

/**
 * Hidden, .xlsx only: each row of the source tabs as the last `gongfang` run that wrote the
 * workbook left them — a hash a row (read by every run) and, apart, the rows' texts (read only
 * to say "old → new" for rows that changed): xlsx/auditSnapshot.ts.
 */
export const AUDIT_SNAPSHOT = { zh: '审计快照', en: 'Audit snapshot' } as const;
export const AUDIT_SNAPSHOT_TEXT = { zh: '审计快照文本', en: 'Audit snapshot text' } as const;

/** Past this many rows, the oldest half of 审计 / Audit moves to 审计存档 / Audit archive. */
export const AUDIT_ROW_LIMIT = 5000;

/** Headers of the cells a long Detail goes on in: 明细 2 / Detail 2, 明细 3 / Detail 3, … */
export const DETAIL_PART_HEADERS = { zh: '明细', en: 'Detail' } as const;

/** Month tabs the tool writes; the month follows the prefix, e.g. 工资 2026-11. */
export const GENERATED_TAB_PREFIXES = {
  payout: { zh: '工资', en: 'Payout' },
  payslips: { zh: '工资条', en: 'Payslips' },
  summary: { zh: '汇总', en: 'Summary' },
} as const;
export type GeneratedTabKind = keyof typeof GENERATED_TAB_PREFIXES;

export function generatedTabName(kind: GeneratedTabKind, month: string, lang: Lang): string {
  const prefix = GENERATED_TAB_PREFIXES[kind];
  return `${lang === 'zh-CN' ? prefix.zh : prefix.en} ${month}`;
}

export type ColumnKey<T extends TabSpec> = T['columns'][number]['key'];

/** A vocabulary term: its canonical key, labels in both languages, and accepted spellings. */
export interface Term<K extends string = string> {
  readonly key: K;
  readonly zh: string;
  readonly en: string;
  readonly aliases: readonly string[];
}

const term = <K extends string>(
  key: K,
  zh: string,
  en: string,
  aliases: readonly string[] = [],
): Term<K> => ({ key, zh, en, aliases });

export const CATEGORIES = [
  term('hardship', '困难户', 'hardship', ['困难', 'Hardship household']),
  term('nearHardship', '困难边缘户', 'near-hardship', ['边缘户', 'near hardship', 'nearhardship']),
  term('retired', '退休', 'retired', ['退休人员']),
  term('homemaker', '家庭主妇', 'homemaker', ['全职妈妈', 'housewife']),
  term('other', '其他', 'other', ['其它']),
] as const;
export type Category = (typeof CATEGORIES)[number]['key'];

export const ORDER_STATUSES = [
  term('open', '进行中', 'open', ['在做', '未完成', 'in progress']),
  term('done', '已完成', 'done', ['完成', 'completed', 'finished']),
  term('cancelled', '已取消', 'cancelled', ['取消', 'canceled']),
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number]['key'];

/** Suggested crafts; other text is allowed and kept as typed. */
export const CRAFTS = [
  term('paperCutting', '剪纸', 'paper cutting'),
  term('embroidery', '刺绣', 'embroidery'),
  term('rhinestone', '粘钻', 'rhinestone', ['贴钻', 'rhinestone gluing']),
  term('colouring', '上色', 'colouring', ['coloring', '涂色']),
  term('assembly', '组装', 'assembly', ['装配', 'light assembly']),
] as const;

/** The Active column: a checkbox in Sheets, or yes/no typed by hand. */
export const ACTIVE_VALUES = [
  term('yes', '是', 'yes', ['在册', 'true', 'y', '√', '✓', '1']),
  term('no', '否', 'no', ['不在册', '离开', 'false', 'n', '×', '0']),
] as const;

export const SETTING_KEYS = [
  term('organization', '机构名称', 'Organization', ['组织名称', 'Organisation']),
  term('currency', '货币', 'Currency', ['币种']),
  term('language', '语言', 'Language'),
  // Tidying while typing (docs/validation.md); checking stays on whatever it says.
  term('autoCorrect', '自动更正', 'Auto-correct', ['自动纠正', 'Autocorrect', 'Tidy input']),
  /**
   * Who may change pay (docs/roles.md): addresses separated by commas. The spreadsheet's owner
   * is always a manager; an empty row means everyone may do everything, as before.
   */
  term('managers', '管理员', 'Managers', ['管理人员', 'Admins']),
  /**
   * Written by Gongfang with the first closing: the workbook keeps a 结账 / Closings tab. When
   * that tab is later gone or unreadable, months are refused rather than taken as open.
   */
  term('closingsRecord', '结账记录', 'Closings record'),
  /** A month's net pay above it (yuan) is flagged on the Year tab and the Summary; default 800. */
  term('payThreshold', '月收入提醒线', 'Monthly pay threshold', ['提醒线', 'Pay threshold']),
  /** Written by Archive year, one row per year: "2025: <link or file>" (docs/year-end.md). */
  term('archive', '归档', 'Archive', ['年度归档', 'Archived year']),
] as const;
export type SettingKey = (typeof SETTING_KEYS)[number]['key'];

export const DEFAULT_CURRENCY = '¥';

/** Header, tab and vocabulary matching ignores surrounding spaces, case and full-width forms. */
export function normalizeName(text: string): string {
  return text.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}

export function namesOf(item: { zh: string; en: string; aliases: readonly string[] }): string[] {
  return [item.zh, item.en, ...item.aliases];
}

export function labelOf(item: { zh: string; en: string }, lang: Lang): string {
  return lang === 'zh-CN' ? item.zh : item.en;
}

/** The term whose label or alias matches `text`, in either language; undefined if none. */
export function findTerm<T extends Term>(terms: readonly T[], text: string): T | undefined {
  const wanted = normalizeName(text);
  if (wanted === '') return undefined;
  return termsByName(terms).get(wanted) as T | undefined;
}

/** Each vocabulary's terms by normalized name, made once: a codec asks for every cell. */
const namedTerms = new WeakMap<readonly Term[], Map<string, Term>>();

function termsByName(terms: readonly Term[]): Map<string, Term> {
  let byName = namedTerms.get(terms);
  if (byName === undefined) {
    byName = new Map();
    // The first term with the name wins, as a search in order would find it.
    for (const t of terms) {
      for (const name of namesOf(t)) {
        const key = normalizeName(name);
        if (!byName.has(key)) byName.set(key, t);
      }
    }
    namedTerms.set(terms, byName);
  }
  return byName;
}

/** What an audit row records, in either language. */
export const AUDIT_ACTIONS: readonly Term<AuditAction>[] = [
  term('edit', '编辑', 'edit'),
  term('paste', '粘贴', 'paste'),
  term('insertRows', '插入行', 'rows inserted'),
  term('removeRows', '删除行', 'rows removed'),
  term('fileChanged', '文件中改动', 'changed in the file'),
  term('fileAdded', '文件中新增', 'added in the file'),
  term('fileRemoved', '文件中删除', 'removed in the file'),
  term('setUp', '设置工作簿', 'set up'),
  term('generate', '生成', 'generate'),
  term('close', '结账', 'close month'),
  term('reopen', '撤销结账', 'reopen month'),
  term('corrections', '写入更正', 'corrections'),
  term('recordPieces', '记件', 'record pieces'),
  term('undoPieces', '撤销记件', 'undo pieces'),
  term('newResident', '新增居民', 'new resident'),
  term('newOrder', '新增订单', 'new order'),
  term('partnerReports', '合作单位报表', 'partner reports'),
  term('archiveYear', '归档一年', 'archive a year'),
  term('logRestarted', '改动记录重新开始', 'change log restarted'),
];

/** Why a change deserves a second look, in either language. */
export const AUDIT_FLAGS: readonly Term<AuditFlag>[] = [
  term('closedMonth', '已结账月份', 'closed month'),
  term('payRate', '计件单价', 'pay rate'),
  term('partnerPrice', '合同单价', 'partner price'),
  term('settings', '设置', 'settings'),
];
