import { defineMessages, icu } from '../define';

/** Messages of the close area: closing a month, and corrections of closed months. */
export const closeMessages = defineMessages(
  {
    closeDialogTitle: '结账',
    closeReady: (p: { month: string; residents: number; netPay: string }) =>
      `${p.month} 可以结账：${p.residents} 人，实发合计 ${p.netPay}。`,
    closeBlocked: (p: { month: string; count: number }) =>
      `${p.month} 有 ${p.count} 行错误，不能结账。请先改正以下各行，再运行「检查数据」确认：`,
    closeBlockedMore: (p: { count: number }) => `……另有 ${p.count} 行。`,
    closeBlockingRow: (p: { where: string; message: string }) => `${p.where}：${p.message}`,
    closeAlreadyClosed: (p: { month: string; closedAt: string; closedBy: string }) =>
      `${p.month} 已于 ${p.closedAt} 由 ${p.closedBy} 结账，不能重复结账。`,
    closeDone: (p: { month: string; residents: number; netPay: string }) =>
      `${p.month} 已结账：${p.residents} 人，实发合计 ${p.netPay}。已记录在「结账」表，工资表已标明“已结账”。`,
    /** A blocking row whose month cannot be read: its own problem, then why it blocks this month. */
    closeMonthUnknownRow: (p: { message: string }) =>
      `${p.message}（此行日期或月份无法识别，可能属于该月）`,
    closeUnknownUser: '（未知用户）',
    correctionReason: (p: { month: string }) => `更正 ${p.month}（结账后数据有改动）`,
    correctionsTitle: '已结账月份的改动',
    correctionsMonth: (p: { month: string; closedAt: string; before: string; now: string }) =>
      `${p.month}（${p.closedAt} 结账）实发合计：结账时 ${p.before}，现在 ${p.now}。`,
    correctionsResident: (p: {
      who: string;
      before: string;
      now: string;
      corrected: string;
      outstanding: string;
      rows: string;
    }) =>
      `${p.who}：结账时 ${p.before}，现在 ${p.now}，已更正 ${p.corrected}，待更正 ${p.outstanding}（相关行：${p.rows}）`,
    correctionsNoSnapshot: '结账记录中没有每人的明细，只能比较合计。',
    residentGone: '该居民已不在「居民」表：把该行加回（在册填否）才能更正此月。',
    correctionsOffer: (p: { count: number; month: string }) =>
      `可在 ${p.month} 的「调整」表中写入 ${p.count} 行更正。`,
    correctionsApplied: (p: { count: number }) => `已在「调整」表写入 ${p.count} 行更正。`,
    correctionsNone: '没有已结账月份被改动。',
    correctionsNothingOwed: (p: { month: string; closedAt: string }) =>
      `${p.month}（${p.closedAt} 结账）此后有行改动，但没有要更正的金额。`,
    correctionsConfirm:
      '要现在把这些更正行写入「调整」表吗？（选“否”则不写入，下次检查数据时仍会提示。）',
    correctionsBlocked: (p: { month: string; count: number }) =>
      `${p.month} 现有 ${p.count} 行错误，这些行不计入上面的“现在”金额。请先改正，再检查数据；改正前不提供该月的更正行：`,
    correctionsForManagers: (p: { managers: string }) =>
      `更正行是工资，只有管理员可以写入：请管理员（${p.managers}）运行「检查数据」并选“是”。`,
    correctionsNothingLeft: '没有写入：这些更正已经记录在「调整」表中（可能是同事刚刚写入的）。',
  },
  {
    closeDialogTitle: 'Close month',
    closeReady: icu(
      'en',
      '{month} can be closed: {residents, plural, one {# resident} other {# residents}} paid, total net pay {netPay}.',
    ),
    closeBlocked: icu(
      'en',
      '{month} cannot be closed: {count, plural, one {# row has errors. Fix this row} other {# rows have errors. Fix these rows}}, then run Check data to confirm:',
    ),
    closeBlockedMore: icu('en', '…and {count, plural, one {# more row} other {# more rows}}.'),
    closeBlockingRow: (p: { where: string; message: string }) => `${p.where}: ${p.message}`,
    closeAlreadyClosed: (p: { month: string; closedAt: string; closedBy: string }) =>
      `${p.month} was already closed on ${p.closedAt} by ${p.closedBy}; it cannot be closed twice.`,
    closeDone: icu(
      'en',
      '{month} is closed: {residents, plural, one {# resident} other {# residents}} paid, total net pay {netPay}. It is recorded in the Closings tab and the payout says CLOSED.',
    ),
    closeMonthUnknownRow: (p: { message: string }) =>
      `${p.message} (this row may belong to this month: its date or month cannot be read)`,
    closeUnknownUser: '(unknown user)',
    correctionReason: (p: { month: string }) =>
      `Correction ${p.month} (rows changed after closing)`,
    correctionsTitle: 'Closed months that changed',
    correctionsMonth: (p: { month: string; closedAt: string; before: string; now: string }) =>
      `${p.month} (closed ${p.closedAt}) total net pay: ${p.before} at closing, ${p.now} now.`,
    correctionsResident: (p: {
      who: string;
      before: string;
      now: string;
      corrected: string;
      outstanding: string;
      rows: string;
    }) =>
      `${p.who}: ${p.before} at closing, ${p.now} now, ${p.corrected} corrected, ${p.outstanding} still to correct (rows: ${p.rows})`,
    correctionsNoSnapshot:
      'The closing row has no per-resident detail; only totals can be compared.',
    residentGone:
      'This resident is no longer on Residents: add the row back (Active: no) to correct this month.',
    correctionsOffer: icu(
      'en',
      '{count, plural, one {# correction row} other {# correction rows}} can be added to Adjustments for {month}.',
    ),
    correctionsApplied: icu(
      'en',
      '{count, plural, one {# correction row} other {# correction rows}} added to Adjustments.',
    ),
    correctionsNone: 'No closed month has changed.',
    correctionsNothingOwed: (p: { month: string; closedAt: string }) =>
      `${p.month} (closed ${p.closedAt}): rows changed since, with no pay to correct.`,
    correctionsConfirm:
      'Add these correction rows to Adjustments now? (No writes nothing; Check data will offer them again.)',
    correctionsBlocked: icu(
      'en',
      '{month} now has {count, plural, one {# row with errors, left out of the amounts "now" above. Fix it} other {# rows with errors, left out of the amounts "now" above. Fix them}} and check again; no correction is offered for this month until then:',
    ),
    correctionsForManagers: (p: { managers: string }) =>
      `Correction rows are pay, which only managers may write: ask one of them (${p.managers}) to run Check data and answer Yes.`,
    correctionsNothingLeft:
      'Nothing written: these corrections are already in Adjustments (perhaps a colleague just added them).',
  },
);
