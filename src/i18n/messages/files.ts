import { defineMessages } from '../define';

/** What kind of thing sits at a path that should have been a workbook file. */
export type PathKind = 'directory' | 'fifo' | 'device' | 'socket' | 'other';

/** Why a package is refused (src/xlsx/package/refusal.ts). */
export type PackageProblem =
  | 'duplicatePart'
  | 'overlappingEntries'
  | 'headerMismatch'
  | 'sizeMismatch'
  | 'tooLarge'
  | 'badCharacter'
  | 'strict';

interface Refused {
  file: string;
  problem: PackageProblem;
  part: string;
  detail: string;
}

function refusedZh(p: Refused): string {
  const part = p.part === '' ? '其中一个部件' : `部件「${p.part}」`;
  switch (p.problem) {
    case 'duplicatePart':
      return `文件包里${part}存了两份，不同程序会读出不同的数据`;
    case 'overlappingEntries':
      return `文件包里的条目「${p.part}」和「${p.detail}」相互重叠（压缩炸弹的手法）`;
    case 'headerMismatch':
      return `文件包里${part}在两处的记录不一致`;
    case 'sizeMismatch':
      return `${part}的实际大小和文件包记录的不符（${p.detail}）`;
    case 'tooLarge':
      return `${part}解压后会有 ${p.detail}，超过了 gongfang 解压的上限（每个部件最多为压缩大小的 100 倍、480 MB，所有部件合计 1 GB）`;
    case 'badCharacter':
      return `${part}含有 ${p.detail}，它不代表任何字符（不是有效的 XML）`;
    case 'strict':
      return '它是「Strict Open XML 电子表格」格式';
  }
}

function refusedEn(p: Refused): string {
  const part = p.part === '' ? 'a part' : `the part "${p.part}"`;
  switch (p.problem) {
    case 'duplicatePart':
      return `the package holds ${part} twice, so programs could show different data from it`;
    case 'overlappingEntries':
      return `the package's entries "${p.part}" and "${p.detail}" overlap (a zip-bomb trick)`;
    case 'headerMismatch':
      return `the package records ${part} differently in two places`;
    case 'sizeMismatch':
      return `${part} is not the size the package records (${p.detail})`;
    case 'tooLarge':
      return `${part} would unpack to ${p.detail}: more than gongfang unpacks (a part at most 100 times its packed size and 480 MB, all parts together 1 GB)`;
    case 'badCharacter':
      return `${part} contains ${p.detail}, which names no character (it is not valid XML)`;
    case 'strict':
      return 'it is saved as "Strict Open XML Spreadsheet"';
  }
}

/** The office program whose lock file says a workbook is open. */
export type OfficeProgram = 'excel' | 'libreoffice';

const SAVE_AS_ZH =
  '请在 Excel 或 WPS 表格中打开它，选「文件 › 另存为」，文件类型选「Excel 工作簿 (*.xlsx)」；' +
  '或在 LibreOffice Calc 中选「文件 › 另存为」，文件类型选「Excel 2007-365 (.xlsx)」，' +
  '询问格式时选「使用 Excel 2007-365!」。然后对另存的 .xlsx 文件运行命令。';
const SAVE_AS_EN =
  'Open it in Excel or WPS Spreadsheets, choose File › Save As and the type "Excel Workbook (*.xlsx)"; ' +
  'or in LibreOffice Calc choose File › Save As, the type "Excel 2007-365 (.xlsx)", and "Use Excel 2007-365!" when asked. ' +
  'Then run the command on the saved .xlsx file.';

const KIND_ZH: Record<PathKind, string> = {
  directory: '文件夹',
  fifo: '命名管道（FIFO）',
  device: '设备文件',
  socket: '套接字',
  other: '特殊文件',
};
const KIND_EN: Record<PathKind, string> = {
  directory: 'a folder',
  fifo: 'a named pipe (FIFO)',
  device: 'a device',
  socket: 'a socket',
  other: 'a special file',
};

const PROGRAM_ZH: Record<OfficeProgram, string> = {
  excel: 'Excel 或 WPS',
  libreoffice: 'LibreOffice',
};
const PROGRAM_EN: Record<OfficeProgram, string> = {
  excel: 'Excel or WPS',
  libreoffice: 'LibreOffice',
};

interface Holder {
  file: string;
  /** The holder's name for the same file (a hard link), or '' when it used this one. */
  otherName: string;
  user: string;
  host: string;
  pid: number;
  command: string;
  since: string;
  lockFile: string;
  /** Whether to say the lock file may be deleted: its holder cannot be checked, or held it long. */
  mayBeGone: boolean;
}

/** Messages of the files area: the workbook on disk (formats, locks, safe writing). */
export const filesMessages = defineMessages(
  {
    fileOtherFormat: (p: { file: string; format: string }) =>
      `「${p.file}」是 ${p.format} 文件，不是 .xlsx 工作簿，没有读取或写入任何内容。${SAVE_AS_ZH}`,
    fileNotZip: (p: { file: string }) =>
      `「${p.file}」不是 .xlsx 工作簿（内容不是 .xlsx 的格式），没有读取或写入任何内容。${SAVE_AS_ZH}`,
    fileOldOrProtected: (p: { file: string }) =>
      `「${p.file}」是旧的 .xls / .et 格式，或设了打开密码的工作簿，没有读取或写入任何内容。` +
      `若设了密码，请先在 Excel 或 WPS 中去掉打开密码。${SAVE_AS_ZH}`,
    fileEmpty: (p: { file: string }) => `「${p.file}」是空文件，不是工作簿。`,
    fileIsFolder: (p: { file: string; example: string }) =>
      `「${p.file}」是一个文件夹，不是工作簿文件。` +
      (p.example === ''
        ? '请写出工作簿文件的名字（以 .xlsx 结尾）。'
        : `请写出文件夹里工作簿的名字，例如「${p.example}」。`),
    fileOutFormat: (p: { file: string; expected: string }) =>
      `不能写到「${p.file}」：工作簿只能保存为 ${p.expected} 文件。请换一个以 ${p.expected} 结尾的文件名。`,
    fileNotRegular: (p: { file: string; kind: PathKind }) =>
      `不能写到「${p.file}」：它是${KIND_ZH[p.kind]}，不是普通文件。没有写入任何内容。请用 --out 指定一个普通文件或新文件名。`,
    fileOpenInOffice: (p: {
      file: string;
      program: OfficeProgram;
      user: string;
      lockFile: string;
    }) =>
      `「${p.file}」正在 ${PROGRAM_ZH[p.program]} 中打开${p.user === '' ? '' : `（${p.user}）`}，` +
      `没有写入任何内容：请先在 ${PROGRAM_ZH[p.program]} 中保存并关闭它，再运行命令。` +
      `若确实没有人打开它（程序曾意外退出），可删除锁文件「${p.lockFile}」后重试。`,
    fileLockHeld: (p: Holder) =>
      `「${p.file}」正被另一个 gongfang 命令使用${p.otherName === '' ? '' : `（通过同一文件的另一个名字「${p.otherName}」）`}：用户 ${p.user}，电脑 ${p.host}，进程 ${p.pid}` +
      `（${p.command}），自 ${p.since} 起。没有写入任何内容，请等它结束后再试。` +
      (p.mayBeGone ? `若确定它已不在运行，可删除锁文件「${p.lockFile}」后重试。` : ''),
    fileWouldOverwrite: (p: { file: string }) =>
      `「${p.file}」已存在，而且不是 gongfang 写出后没有改动过的文件，没有覆盖它。` +
      `请换一个文件名（--out），或加 --force 覆盖它。`,
    fileChangedMeanwhile: (p: { file: string }) =>
      `gongfang 工作期间，「${p.file}」被别人改动或保存过（例如在另一台电脑上用 Excel 或 WPS，或者同步网盘带来了新版本）。` +
      `没有写入任何内容，那次改动保留着。请再运行一次命令。`,
    fileLockLeftByOther: (p: { file: string; user: string; lockFile: string }) =>
      `没有写入「${p.file}」：用户 ${p.user} 的一个 gongfang 命令中途停止，留下了锁文件，` +
      `而共用文件夹里别人的锁文件只有 ${p.user} 本人（或电脑管理员）能删除。请让他们删除「${p.lockFile}」，然后再运行命令。`,
    fileLockFolder: (p: { file: string; folder: string; detail: string }) =>
      `没有写入「${p.file}」：无法使用 gongfang 的锁文件夹「${p.folder}」（${p.detail}）。` +
      `请让电脑管理员删除它或把它改成人人可写的文件夹（和 /tmp 一样），或设置环境变量 GONGFANG_LOCK_DIR 指向所有同事都能写的文件夹，然后再运行命令。`,
    fileDiskFull: (p: { file: string; detail: string }) =>
      `没有写入「${p.file}」：磁盘空间不够（${p.detail}）。工作簿保持不变。请在该磁盘上腾出空间，然后再运行命令。`,
    fileInPlaceFailed: (p: { file: string; copy: string; detail: string }) =>
      `写入「${p.file}」失败（${p.detail}），也没能把原来的内容写回去，它可能已经损坏。` +
      `完整的新工作簿保存在「${p.copy}」：请先不要再运行命令，用这个文件替换「${p.file}」（或请电脑管理员帮忙），然后再检查一次。`,
    fileUncalculatedFormula: (p: { file: string; tab: string; cell: string }) =>
      `「${p.file}」的「${p.tab}」表 ${p.cell} 格是公式，但文件里没有它算出的结果（最后保存它的程序不计算公式），gongfang 读不出它的值；没有写入任何内容。` +
      `请在 Excel、WPS 或 LibreOffice 中打开这个工作簿并保存（公式会算好），然后再运行命令。`,
    fileForeignTab: (p: { file: string; tab: string }) =>
      `没有写入「${p.file}」：它已有一个名为「${p.tab}」的工作表，但不是 gongfang 生成的（可能是同事自己建的），` +
      `gongfang 不会替换它。请把这个工作表改名（或确认没用后删除），然后再运行命令；` +
      `若确定要用生成的表替换它，请加 --force 运行生成它的命令（月份的表：gongfang generate；年度的表：gongfang year）。`,
    fileInterrupted: '已中断：没有写入任何内容，临时文件已删除。',
    fileInterruptedAfterWriting: (p: { files: string }) =>
      `已中断：中断前已完整写入 ${p.files}；其余没有写入，临时文件已删除。`,
    fileThisWorkbook: '这个工作簿',
    filePackageRefused: (p: Refused) =>
      p.problem === 'strict'
        ? `「${p.file}」是「Strict Open XML 电子表格」格式，gongfang 不读写这种格式，没有读取或写入任何内容。` +
          `请在 Excel 中打开它，选「文件 › 另存为」，文件类型选「Excel 工作簿 (*.xlsx)」，然后对另存的文件运行命令。`
        : `拒绝读取「${p.file}」：${refusedZh(p)}。没有读取或写入任何内容。` +
          `这个文件已损坏，或是被做成误导程序的样子：如果清楚它的来历，请在 Excel 或 WPS 中打开并另存为「Excel 工作簿 (*.xlsx)」，再对另存的文件运行命令；` +
          `否则不要打开它，请发送者重新发一份。`,
  },
  {
    fileOtherFormat: (p) =>
      `"${p.file}" is a ${p.format} file, not an .xlsx workbook; nothing was read or written. ${SAVE_AS_EN}`,
    fileNotZip: (p) =>
      `"${p.file}" is not an .xlsx workbook (its contents are not in the .xlsx format); nothing was read or written. ${SAVE_AS_EN}`,
    fileOldOrProtected: (p) =>
      `"${p.file}" is an old .xls / .et workbook, or one with a password to open; nothing was read or written. ` +
      `If it has a password, remove it in Excel or WPS first. ${SAVE_AS_EN}`,
    fileEmpty: (p) => `"${p.file}" is an empty file, not a workbook.`,
    fileIsFolder: (p) =>
      `"${p.file}" is a folder, not a workbook file. ` +
      (p.example === ''
        ? 'Name the workbook file (ending in .xlsx).'
        : `Name the workbook in it, e.g. "${p.example}".`),
    fileOutFormat: (p) =>
      `Cannot write to "${p.file}": the workbook can only be saved as a ${p.expected} file. Choose a name ending in ${p.expected}.`,
    fileNotRegular: (p) =>
      `Cannot write to "${p.file}": it is ${KIND_EN[p.kind]}, not a regular file. Nothing was written. Give --out a regular file or a new file name.`,
    fileOpenInOffice: (p) =>
      `"${p.file}" is open in ${PROGRAM_EN[p.program]}${p.user === '' ? '' : ` (${p.user})`}; nothing was written. ` +
      `Save and close it in ${PROGRAM_EN[p.program]} first, then run the command again. ` +
      `If nobody has it open (the program stopped unexpectedly), delete the lock file "${p.lockFile}" and try again.`,
    fileLockHeld: (p) =>
      `"${p.file}" is in use by another gongfang command${p.otherName === '' ? '' : ` (through "${p.otherName}", another name of the same file)`}: user ${p.user}, computer ${p.host}, process ${p.pid} ` +
      `(${p.command}), since ${p.since}. Nothing was written; try again when it has finished.` +
      (p.mayBeGone
        ? ` If you are sure it is no longer running, delete the lock file "${p.lockFile}" and try again.`
        : ''),
    fileWouldOverwrite: (p) =>
      `"${p.file}" already exists and is not a file gongfang wrote and nobody changed since; it was not overwritten. ` +
      `Choose another file name (--out), or add --force to overwrite it.`,
    fileChangedMeanwhile: (p) =>
      `"${p.file}" was changed or saved by someone else while gongfang was working on it (Excel or WPS on another computer, or a sync program bringing a newer version). ` +
      `Nothing was written, so that change is kept. Run the command again.`,
    fileLockLeftByOther: (p) =>
      `"${p.file}" was not written: a gongfang command of user ${p.user} stopped without removing its lock file, ` +
      `and only ${p.user} (or whoever looks after the computer) may delete another user's lock in the shared folder. Ask them to delete "${p.lockFile}", then run the command again.`,
    fileLockFolder: (p) =>
      `"${p.file}" was not written: gongfang cannot use its lock folder "${p.folder}" (${p.detail}). ` +
      `Ask whoever looks after the computer to delete it or make it a folder everyone may write to (like /tmp), or set GONGFANG_LOCK_DIR to a folder every colleague can write to, then run the command again.`,
    fileDiskFull: (p) =>
      `"${p.file}" was not written: there is not enough space on the disk (${p.detail}). The workbook is unchanged. Free some space on that disk, then run the command again.`,
    fileInPlaceFailed: (p) =>
      `Writing "${p.file}" failed (${p.detail}), and putting its old contents back failed too: it may be damaged. ` +
      `The complete new workbook is saved as "${p.copy}": run no other command on it until you have replaced "${p.file}" with that file (ask whoever looks after the computer if need be), then check it again.`,
    fileUncalculatedFormula: (p) =>
      `"${p.file}": cell ${p.cell} of the "${p.tab}" tab holds a formula whose result was never calculated (the program that last saved the file does not calculate formulas), so gongfang cannot read its value; nothing was written. ` +
      `Open the workbook in Excel, WPS or LibreOffice and save it (the formulas are then calculated), then run the command again.`,
    fileForeignTab: (p) =>
      `"${p.file}" was not written: it already has a tab named "${p.tab}" that gongfang did not generate (perhaps a colleague made it), and gongfang does not replace it. ` +
      `Rename that tab (or delete it if you are sure it is not needed), then run the command again; to replace it with the generated tab instead, run the command that makes it with --force (gongfang generate for a month's tabs, gongfang year for a year's).`,
    fileInterrupted: 'Interrupted: nothing was written, and the temporary file was removed.',
    fileInterruptedAfterWriting: (p) =>
      `Interrupted: ${p.files} had been written in full before; nothing else was written, and the temporary file was removed.`,
    fileThisWorkbook: 'the workbook',
    filePackageRefused: (p) =>
      p.problem === 'strict'
        ? `"${p.file}" is saved as "Strict Open XML Spreadsheet", which gongfang does not read or write; nothing was read or written. ` +
          `Open it in Excel, choose File › Save As and the type "Excel Workbook (*.xlsx)", then run the command on the saved file.`
        : `"${p.file}" was refused: ${refusedEn(p)}. Nothing was read or written. ` +
          `The file is damaged, or was made to mislead programs: if you know where it came from, open it in Excel or WPS and save it again as "Excel Workbook (*.xlsx)", then run the command on that copy; ` +
          `otherwise do not open it, and ask whoever sent it for a new copy.`,
  },
);
