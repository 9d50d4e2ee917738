import { defineMessages } from '../define';

/** Messages of Set up (菜单「工坊 › 设置工作簿」): its result, and the help texts of its drop-downs. */
export const setupMessages = defineMessages(
  {
    setupTitle: '设置工作簿',
    setupNothingToDo: '工作簿已经设置好：所有工作表和列都在，没有改动任何数据。',
    setupTabsCreated: (p: { tabs: string }) => `新建了工作表：${p.tabs}`,
    setupColumnsAdded: (p: { tab: string; columns: string }) =>
      `「${p.tab}」补上了缺少的列：${p.columns}`,
    setupSettingsAdded: (p: { settings: string }) => `「设置」表添加了默认项：${p.settings}`,
    setupHeaderUnknown: (p: { tab: string }) =>
      `「${p.tab}」第 1 行有内容，但不是可识别的表头，本表没有改动。请在第 1 行上方插入一行表头后再运行。`,
    setupFormatted:
      '表头已加粗并冻结；各列已设置格式（日期、单价、金额、编号按文本）和下拉列表。已有数据没有移动或删除。',
    setupHelpResident:
      '请从下拉列表选择「居民」表中的编号。不在列表中的编号会被标出，但不会被删除。',
    setupHelpOrder: '请从下拉列表选择「订单」表中的编号。不在列表中的编号会被标出，但不会被删除。',
    setupHelpPartner: '请从下拉列表选择「合作单位」表中的编号。',
    setupHelpList: (p: { values: string }) => `请选择：${p.values}`,
    setupHelpWholeNumber: '请填写不小于 0 的整数，例如 12。',
    setupHelpRate: '请填写以元为单位的单价，最多 4 位小数，例如 0.015。',
    setupHelpDate: '请填写日期，例如 2026-11-03。',
  },
  {
    setupTitle: 'Set up workbook',
    setupNothingToDo:
      'The workbook is already set up: every tab and column is there. No data was changed.',
    setupTabsCreated: (p: { tabs: string }) => `Created tabs: ${p.tabs}`,
    setupColumnsAdded: (p: { tab: string; columns: string }) =>
      `Added missing columns to "${p.tab}": ${p.columns}`,
    setupSettingsAdded: (p: { settings: string }) =>
      `Added default settings to the Settings tab: ${p.settings}`,
    setupHeaderUnknown: (p: { tab: string }) =>
      `Row 1 of "${p.tab}" has content but no header Gongfang recognises, so this tab was left alone. Insert a header row above it and run Set up again.`,
    setupFormatted:
      'Header rows are bold and frozen; columns have their formats (dates, rates, money, IDs as text) and drop-downs. No existing data was moved or deleted.',
    setupHelpResident:
      'Choose an ID from the Residents tab. An ID not in the list is flagged, not deleted.',
    setupHelpOrder:
      'Choose an ID from the Orders tab. An ID not in the list is flagged, not deleted.',
    setupHelpPartner: 'Choose an ID from the Partners tab.',
    setupHelpList: (p: { values: string }) => `Choose one of: ${p.values}`,
    setupHelpWholeNumber: 'Enter a whole number of 0 or more, e.g. 12.',
    setupHelpRate: 'Enter a rate in yuan with up to 4 decimals, e.g. 0.015.',
    setupHelpDate: 'Enter a date, e.g. 2026-11-03.',
  },
);
