import { defineMessages } from '../define';

/** Words shared by several operations. */
export const commonMessages = defineMessages(
  {
    appName: '工坊',
    menuTitle: '工坊',
    error: '出错了',
    done: '完成',
    ok: '确定',
    row: (p: { row: number }) => `第 ${p.row} 行`,
    cellAt: (p: { tab: string; row: number; column: string }) =>
      `「${p.tab}」第 ${p.row} 行「${p.column}」`,
    tabMissing: (p: { tab: string }) =>
      `找不到「${p.tab}」工作表。请先运行菜单「工坊 › 设置工作簿」。`,
    headerMissing: (p: { tab: string }) =>
      `「${p.tab}」工作表第 1 行没有可识别的表头。请先运行菜单「工坊 › 设置工作簿」。`,
    busy: '另一个操作正在运行（可能是其他同事）。请稍后再试，本次没有做任何改动。',
    unexpected: (p: { detail: string }) => `发生意外错误，没有写入任何内容：${p.detail}`,
  },
  {
    appName: 'Gongfang',
    menuTitle: 'Gongfang',
    error: 'Something went wrong',
    done: 'Done',
    ok: 'OK',
    row: (p: { row: number }) => `row ${p.row}`,
    cellAt: (p: { tab: string; row: number; column: string }) =>
      `${p.tab}, row ${p.row}, ${p.column}`,
    tabMissing: (p: { tab: string }) =>
      `The "${p.tab}" tab is missing. Run Gongfang › Set up workbook first.`,
    headerMissing: (p: { tab: string }) =>
      `Row 1 of the "${p.tab}" tab has no header Gongfang recognises. Run Gongfang › Set up workbook first.`,
    busy: 'Another Gongfang operation is running (perhaps a colleague’s). Try again in a moment; nothing was changed.',
    unexpected: (p: { detail: string }) =>
      `An unexpected error stopped the operation before it wrote anything: ${p.detail}`,
  },
);
