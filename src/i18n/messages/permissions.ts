import { defineMessages } from '../define';

/** Messages for a permission the user did not grant (granular consent). */
export const permissionMessages = defineMessages(
  {
    permissionTitle: '需要授权',
    permissionMissing: (p: { operation: string; needs: string }) =>
      `「${p.operation}」没有运行，因为工坊还没有得到这项权限：${p.needs}。\n\n请再点一次菜单里的这一项；Google 弹出授权页面时，勾选其中的全部权限，然后点「允许」。表格中没有任何改动。如果仍然不行，请联系安装工坊的人。`,
    scopeCurrentSheet: '查看和编辑本表格',
    scopeDialogs: '在表格中显示工坊的对话框',
    scopeEmail: '查看您的邮箱地址（结账时记录是谁结的账）',
    scopeTriggers: '在您不在时运行（记录每次改动的审计）',
    scopeOther: (p: { scope: string }) => `其他权限（${p.scope}）`,
  },
  {
    permissionTitle: 'Permission needed',
    permissionMissing: (p: { operation: string; needs: string }) =>
      `"${p.operation}" did not run because Gongfang has not been allowed to: ${p.needs}.\n\nChoose the menu item again; when Google asks for permission, tick every box and click Allow. Nothing in the sheet was changed. If it still fails, ask whoever installed Gongfang.`,
    scopeCurrentSheet: 'see and edit this spreadsheet',
    scopeDialogs: 'show its dialogs in the spreadsheet',
    scopeEmail: 'see your email address (to record who closed a month)',
    scopeTriggers: 'run when you are not present (the audit of every edit)',
    scopeOther: (p: { scope: string }) => `another permission (${p.scope})`,
  },
);
