/**
 * The global surface of the Apps Script project, and nothing else: the build declares one
 * top-level function per export, which is all Apps Script can call (menu items, triggers,
 * google.script.run).
 */
export { onOpen, onInstall, setUpWorkbook, checkData, runSelfTest } from './menu';
export * from './monthJobs';
export * from './sidebars';
export { onEdit } from './onEdit';
export { auditEdit, auditChange } from './audit';
export { updatePartnerReports } from './partnerReports';
export { showArchiveYearDialog, showYearReportDialog } from './yearJobs';
