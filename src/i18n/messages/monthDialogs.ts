import { defineMessages } from '../define';

/**
 * Words only the Generate and Close month dialogs show: apart from their areas' files so that
 * Code.js leaves them out (scripts/build.mjs PAGE_MESSAGES).
 */
export const monthDialogMessages = defineMessages(
  {
    cancel: '取消',
    genMonthLabel: '月份',
    genIntro: '为所选月份生成「工资」「工资条」「汇总」三张表；已有的同名表会被重新生成。',
    genButton: '生成',
    genWorking: '正在生成，请稍候…',
    closeIntro:
      '结账后，该月的工资表标明“已结账”。之后若该月数据被改动，工坊不会重新生成它，而是在「检查数据」中列出差额，由您在当前月份用调整行更正。',
    closeCheckButton: '检查该月',
    closeButton: '结账',
    closeChecking: '正在检查…',
    closeWorking: '正在结账…',
    closeConfirmButton: '确认结账',
    closeNameLabel: '结账人姓名',
    ptGenerateOption: '生成后更新合作单位报表',
    gErrOther: (p: { detail: string }) => `出了问题：${p.detail}`,
  },
  {
    cancel: 'Cancel',
    genMonthLabel: 'Month',
    genIntro:
      'Builds the Payout, Payslips and Summary tabs for the month; earlier versions of those tabs are rebuilt.',
    genButton: 'Generate',
    genWorking: 'Generating, please wait…',
    closeIntro:
      'Closing marks the month’s payout CLOSED. If its rows change afterwards, Gongfang does not rebuild it: Check data lists the differences, and you correct them with adjustment rows in the current month.',
    closeCheckButton: 'Check the month',
    closeButton: 'Close month',
    closeChecking: 'Checking…',
    closeWorking: 'Closing…',
    closeConfirmButton: 'Close anyway',
    closeNameLabel: 'Your name',
    ptGenerateOption: 'Update partner reports afterwards',
    gErrOther: (p: { detail: string }) => `Something went wrong: ${p.detail}`,
  },
);
