/**
 * The server functions that sidebars and dialogs call through google.script.run.
 *
 * Every function exported here is an endpoint: src/ui/shared/serverClient.ts types its calls
 * from `typeof import('./endpoints')`, so renaming or re-typing an endpoint fails to compile
 * on both sides. Each endpoint must also be re-exported from entry.ts, because
 * google.script.run can only reach top-level functions. Endpoints take and return plain data
 * (numbers, strings, booleans, null, arrays and objects of those) and parse their arguments
 * with zod before use.
 */
export {
  monthDialogInfo,
  generateMonthFromDialog,
  previewCloseFromDialog,
  closeMonthFromDialog,
} from './monthJobs';
export type {
  MonthDialogInfo,
  DialogReply,
  GenerateReply,
  ClosePreviewReply,
  CloseReply,
  BlockingRowView,
} from './monthJobs';
export {
  recordPiecesInfo,
  submitPiecesBatch,
  undoPiecesBatch,
  residentLookupInfo,
  residentCard,
  newResidentInfo,
  saveNewResident,
  newOrderInfo,
  saveNewOrder,
} from './sidebars';
export type { SidebarReply } from './sidebars';
