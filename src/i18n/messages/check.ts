import { defineMessages, icu } from '../define';

/** Messages of Check data (菜单「工坊 › 检查数据」): the report dialog and the cell marks. */
export const checkMessages = defineMessages(
  {
    checkTitle: '检查数据',
    checkAllGood: '没有发现问题，所有数据都可以用于计算工资。',
    checkCounts: (p: { errors: number; warnings: number }) =>
      `发现 ${p.errors} 个错误、${p.warnings} 个提醒。有错误的行不计入工资；提醒只是请您核对。`,
    checkByKindHeading: '按类型：',
    checkKindLine: (p: { severity: string; count: number; example: string }) =>
      `· ${p.severity} ${p.count} 处，例如：${p.example}`,
    checkFirstHeading: (p: { count: number }) => `前 ${p.count} 个问题：`,
    checkProblemLine: (p: { severity: string; where: string; message: string }) =>
      `· [${p.severity}] ${p.where}：${p.message}`,
    checkMore: (p: { count: number }) => `……还有 ${p.count} 个问题没有列出。`,
    checkMarksHint:
      '有问题的单元格已标成浅红色，鼠标悬停可看到说明。改正后再运行一次「检查数据」，标记会自动清除；您自己写的批注会保留。',
    checkCleared: (p: { count: number }) => `${p.count} 个已改正单元格的标记已清除。`,
    checkSeverityError: '错误',
    checkSeverityWarning: '提醒',
  },
  {
    checkTitle: 'Check data',
    checkAllGood: 'No problems found: all data can be used for payouts.',
    checkCounts: icu(
      'en',
      'Found {errors, plural, one {# error} other {# errors}} and {warnings, plural, one {# warning} other {# warnings}}. Rows with errors are left out of payouts; warnings are only for you to double-check.',
    ),
    checkByKindHeading: 'By kind:',
    checkKindLine: (p: { severity: string; count: number; example: string }) =>
      `· ${p.severity} × ${p.count}, e.g. ${p.example}`,
    checkFirstHeading: icu('en', '{count, plural, one {The problem:} other {First # problems:}}'),
    checkProblemLine: (p: { severity: string; where: string; message: string }) =>
      `· [${p.severity}] ${p.where}: ${p.message}`,
    checkMore: (p: { count: number }) => `… and ${p.count} more not listed here.`,
    checkMarksHint:
      'Cells with problems are shaded light red; hover over one to read why. Run Check data again after fixing them and the marks clear themselves; your own notes are kept.',
    checkCleared: icu(
      'en',
      'Cleared the marks of {count, plural, one {# fixed cell} other {# fixed cells}}.',
    ),
    checkSeverityError: 'error',
    checkSeverityWarning: 'warning',
  },
);
