import { defineMessages, icu } from '../define';

/** Messages of the 自检 / Self-test menu item. */
export const selfTestMessages = defineMessages(
  {
    menuSelfTest: '自检',
    selfTestTitle: '工坊自检',
    selfTestSummary: (p: { passed: number; total: number }) =>
      `${p.total} 项检查中 ${p.passed} 项与测试环境一致。临时工作表已删除，表格中没有其他改动。`,
    selfTestDiffered: '与测试环境不同',
    selfTestAllPassed: '全部一致：工坊在这个表格里的行为与测试时相同。',
    selfTestCopy:
      '有不一致的项目：请复制下面这段文字，发给维护工坊的人（或在项目的问题列表中新建一个问题）。',
  },
  {
    menuSelfTest: 'Self-test',
    selfTestTitle: 'Gongfang self-test',
    selfTestSummary: icu(
      'en',
      "{passed} of {total, plural, one {# check behaves} other {# checks behave}} as in Gongfang's tests. The scratch tab was removed; nothing else in the sheet changed.",
    ),
    selfTestDiffered: 'differs from the tests',
    selfTestAllPassed: 'All match: Gongfang behaves in this sheet as it does in its tests.',
    selfTestCopy:
      'Some checks differ: copy the text below and send it to whoever maintains Gongfang (or open an issue in the project).',
  },
);
