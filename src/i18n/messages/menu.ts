import { defineMessages } from '../define';

/** Messages of the menu and of running a menu operation. */
export const menuMessages = defineMessages(
  {
    menuSetUp: '设置工作簿',
    menuCheck: '检查数据',
    menuGenerate: '生成月度工资与汇总…',
    menuClose: '结账…',
    menuFailed: (p: { operation: string; detail: string }) =>
      `「${p.operation}」没有完成：${p.detail}\n\n已经写入的部分会保留；「设置工作簿」和「检查数据」可以放心再运行一次。如果问题持续，请把这段话发给维护人员。`,
  },
  {
    menuSetUp: 'Set up workbook',
    menuCheck: 'Check data',
    menuGenerate: 'Generate month…',
    menuClose: 'Close month…',
    menuFailed: (p: { operation: string; detail: string }) =>
      `"${p.operation}" did not finish: ${p.detail}\n\nAnything already written stays; Set up workbook and Check data are safe to run again. If this keeps happening, send this message to whoever maintains the sheet.`,
  },
);
