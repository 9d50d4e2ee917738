import { defineMessages, icu } from '../define';
import { shellWord } from '../shellWord';

/** Messages of the cli area: the `gongfang` command on .xlsx workbooks. */
export const cliMessages = defineMessages(
  {
    cliUsage: (p: { version: string }) =>
      [
        `工坊 ${p.version} —— 社区计件工坊的台账、工资与汇总（.xlsx 工作簿）`,
        '',
        '用法：gongfang <命令> [选项]',
        '',
        '命令：',
        '  demo      生成示例工作簿并生成最近一个月的工资与汇总',
        '  init      新建一个已设置好的工作簿',
        '  check     检查数据，列出每个问题的工作表、行和列',
        '  generate  生成某月的工资、工资条和汇总工作表',
        '  close     结账（锁定某月的工资）',
        '  partners  为合作单位写订单进度与对账单（不含个人信息）',
        '  reopen    撤销最近一次结账（保留记录）',
        '  year      生成某年的年度汇总、每位居民的收入明细和成效表',
        '  archive   把已全部结账的一年移到归档工作簿，台账只保留结转行',
        '',
        '通用选项：',
        '  --lang zh-CN|en  界面语言（默认取自 LANG / LC_ALL 环境变量）',
        '  --tz 时区        读取日期所用的时区（默认 Asia/Shanghai）',
        '  --json           以 JSON 格式输出，便于程序读取',
        '  --today 日期     把这一天（YYYY-MM-DD）当作今天（默认今天）',
        '  -h, --help       显示帮助',
        '  -v, --version    显示版本',
        '',
        '退出码：0 完成，1 数据有错误，2 用法或文件错误。',
        '运行 gongfang <命令> --help 查看各命令的说明。',
      ].join('\n'),
    cliDemoUsage: [
      '用法：gongfang demo [文件] [--force] [--today YYYY-MM-DD] [--lang zh-CN|en]',
      '',
      '写出一个示例工作簿（约 30 位居民、5 家合作单位、10 个订单、三个月的计件），',
      '设置工作簿，生成最近一个月的工资、工资条和汇总，并打印该月的主要数字。',
      '',
      '  文件 或 --out 文件  输出文件（默认当前文件夹下的 gongfang-demo.xlsx）',
      '  --force             覆盖已有的文件（不加时只覆盖 gongfang 写出后没有改动过的示例）',
      '  --today YYYY-MM-DD  示例数据以这一天为“今天”（默认今天）',
    ].join('\n'),
    cliInitUsage: [
      '用法：gongfang init 文件 [--lang zh-CN|en] [--force]',
      '',
      '新建一个工作簿并完成设置：居民、合作单位、订单、计件、调整、设置六个工作表，',
      '表头、格式和下拉选项。文件已存在时，对它运行设置（不删除、不移动任何数据）。',
    ].join('\n'),
    cliCheckUsage: [
      '用法：gongfang check 文件 [--mark] [--correct] [--json] [--today YYYY-MM-DD]',
      '',
      '检查数据，列出每个错误和警告（工作表、行、列、说明），以及结账后数据有改动的月份。',
      '有错误时退出码为 1。',
      '  --mark     同时在工作簿中标出有问题的单元格（底色和批注），并清除已改正单元格的旧标记',
      '  --correct  把已结账月份的更正行写入「调整」表（记在被更正月份之后第一个未结账的月份）',
      '不加 --mark 或 --correct 时不修改文件。',
    ].join('\n'),
    cliGenerateUsage: [
      '用法：gongfang generate 文件 [--month YYYY-MM] [--out 文件] [--force] [--json]',
      '',
      '生成「工资」「工资条」「汇总」三个工作表（覆盖该月旧的版本），并打印主要数字。',
      '  --month YYYY-MM  月份（默认：每月前 10 天为上个月，否则为本月）',
      '  --out 文件       写到另一个文件，原文件不变',
      '  --force          --out 的文件已存在且不是 gongfang 写出后未改动的文件时，仍覆盖它；',
      '                   工作簿里已有同名但不是 gongfang 生成的工作表时，仍用生成的表替换它',
      '「汇总」表附两张趋势图（Excel、WPS、LibreOffice 都能显示）；每张表按 A4 排好页，',
      '每页都有表头。',
    ].join('\n'),
    cliCloseUsage: [
      '用法：gongfang close 文件 --month YYYY-MM [--by 姓名] [--force] [--json]',
      '',
      '结账：该月没有错误时，在「结账」工作表记下人数、实发合计和数据指纹，',
      '此后该月的数据一旦改动，重新生成会被拒绝并说明原因。',
      '  --by 姓名  结账人（默认当前系统用户名）',
      '  --force    该月尚未结束或没有任何行时，确认后仍然结账',
    ].join('\n'),
    cliNoCurrentFolder:
      '当前文件夹已不存在（终端停在其中时，它被移动或删除了），没有读取或写入任何内容。请用 cd 进入一个存在的文件夹，然后再运行命令。',
    cliUnknownCommand: (p: { command: string }) =>
      `没有「${p.command}」这个命令。运行 gongfang --help 查看可用的命令。`,
    cliNoCommand:
      '没有给出命令，例如 gongfang check 台账.xlsx。运行 gongfang --help 查看可用的命令。',
    cliUnknownOption: (p: { option: string; command: string }) =>
      `gongfang ${p.command} 没有 ${p.option} 这个选项。\n运行 gongfang ${p.command} --help 查看用法。`,
    cliOptionNeedsValue: (p: { option: string; command: string }) =>
      `选项 ${p.option} 后面要跟一个值。\n运行 gongfang ${p.command} --help 查看用法。`,
    cliOptionTakesNoValue: (p: { option: string; command: string }) =>
      `选项 ${p.option} 不带值，只写 ${p.option} 即可。\n运行 gongfang ${p.command} --help 查看用法。`,
    cliExtraArguments: (p: { extra: string; command: string }) =>
      `多出了参数：${p.extra}。gongfang ${p.command} 一次只处理一个工作簿。\n运行 gongfang ${p.command} --help 查看用法。`,
    cliDemoTwoFiles: (p: { file: string; out: string }) =>
      `示例写到哪个文件？给了两个：${p.file} 和 --out ${p.out}。只写一个，例如：gongfang demo ${p.file}`,
    cliMissingFile: (p: { command: string }) =>
      `请给出工作簿文件，例如：gongfang ${p.command} 台账.xlsx`,
    cliEmptyPath: (p: { option: string }) => `${p.option} 后面没有文件或文件夹名，请写上名字。`,
    cliBadMonth: (p: { value: string }) =>
      `月份「${p.value}」看不懂，请写成 YYYY-MM，例如 2026-11。`,
    cliMissingMonth: '请用 --month YYYY-MM 指定要结账的月份。',
    cliBadDate: (p: { value: string }) => `日期「${p.value}」看不懂，请写成 YYYY-MM-DD。`,
    cliBadLang: (p: { value: string }) => `不支持语言「${p.value}」，可选 zh-CN 或 en。`,
    cliBadTimeZone: (p: { value: string }) => `时区「${p.value}」无法识别，例如 Asia/Shanghai。`,
    cliFileMissing: (p: { file: string }) => `找不到文件「${p.file}」。`,
    cliFolderMissing: (p: { file: string }) => `无法写入「${p.file}」：所在文件夹不存在。`,
    cliNotAWorkbook: (p: { file: string }) =>
      `「${p.file}」不是 .xlsx 工作簿（旧的 .xls、.csv 等格式请先在 Excel 或 WPS 中另存为 .xlsx）。`,
    cliCannotRead: (p: { file: string }) => `没有权限读取「${p.file}」。`,
    cliReadOnly: (p: { file: string }) =>
      `「${p.file}」是只读的（或所在文件夹不可写），没有写入任何内容。请检查文件权限，或用 --out 写到另一个文件。`,
    cliReadOnlyInPlace: (p: { file: string }) =>
      `「${p.file}」是只读的（或所在文件夹不可写），没有写入任何内容。这个命令要直接写入这个工作簿：请先让您能写入这个文件和它所在的文件夹（Windows：在文件的「属性」里取消勾选「只读」），再运行一次。`,
    cliReadOnlyOutDir: (p: { file: string }) =>
      `「${p.file}」是只读的（或所在文件夹不可写），没有写入任何内容。请检查文件夹的权限，或用 --out-dir 把报表写到另一个文件夹。`,
    cliCannotWrite: (p: { file: string; detail: string }) =>
      `无法写入「${p.file}」，原文件保持不变：${p.detail}`,
    cliFileExists: (p: { file: string }) =>
      `「${p.file}」已存在。要在它上面运行设置，请加 --force。`,
    cliTabRenamed: (p: { tab: string; renamed: string }) =>
      `工作簿里没有「${p.tab}」工作表；「${p.renamed}」的表头和它一样，可能是改了名字。请把「${p.renamed}」改回「${p.tab}」，再运行命令。`,
    cliColumnRenamed: (p: { tab: string; column: string; renamed: string }) =>
      `「${p.tab}」没有「${p.column}」列，所以这张表一行也没有读到；在它位置上的「${p.renamed}」列可能是改了表头。请把表头「${p.renamed}」改回「${p.column}」，再运行命令。`,
    cliColumnMaybeRenamed: (p: { tab: string; column: string; renamed: string }) =>
      `「${p.tab}」没有「${p.column}」列；在它位置上的「${p.renamed}」列可能是改了表头，没有被读到。请把表头「${p.renamed}」改回「${p.column}」（init --force 只会在旁边再加一个空的「${p.column}」列）。`,
    cliHeadersBelowRowOne: (p: { tab: string; row: number }) =>
      `「${p.tab}」的表头在第 ${p.row} 行，但工坊只在第 1 行找表头，所以这张表一行也没有读到。请删掉表头上面的行（例如标题行），让表头在第 1 行，再运行命令。`,
    cliTabNotRead: (p: { tab: string; column: string; file: string }) =>
      `「${p.tab}」缺少「${p.column}」列，这张表一行也没有读到，所以什么也没有写（否则会漏掉它的全部行）。请先运行「gongfang init ${shellWord(p.file)} --force」补上这一列并填好，再运行命令。`,
    cliTabMissing: (p: { tab: string; file: string }) =>
      `工作簿里没有「${p.tab}」工作表。请先运行「gongfang init ${shellWord(p.file)} --force」完成设置（不会移动或删除任何内容）。`,
    cliWrote: (p: { file: string }) => `已写入 ${p.file}`,
    cliInitUnchanged: (p: { file: string }) =>
      `${p.file} 已经设置好，没有需要添加的工作表、列或设置项，文件未改动。`,
    cliCheckClean: '没有发现问题。',
    cliCorrectHint: '加上 --correct 再运行一次，即可把这些更正行写入「调整」表。',
    cliCorrected: (p: { file: string; count: number }) =>
      `已在 ${p.file} 的「调整」表写入 ${p.count} 行更正。`,
    cliMarked: (p: { file: string; marked: number; cleared: number }) =>
      `已在 ${p.file} 中标出 ${p.marked} 个单元格，清除 ${p.cleared} 个旧标记。`,
    cliCheckCounts: (p: { errors: number; warnings: number }) =>
      `发现 ${p.errors} 个错误、${p.warnings} 个警告。有错误的行不计入工资。`,
    cliCheckWarningsOnly: (p: { warnings: number }) =>
      `没有错误，有 ${p.warnings} 个警告。警告不影响工资，相关行照常计入。`,
    cliSeverityError: '错误',
    cliSeverityWarning: '警告',
    cliColumnWhere: '位置',
    cliColumnSeverity: '级别',
    cliColumnMessage: '说明',
    cliGenerated: (p: { month: string; tabs: string }) => `已生成 ${p.month}：${p.tabs}`,
    cliExcludedRows: (p: { count: number; command: string }) =>
      `有 ${p.count} 行因错误未计入工资；运行 ${p.command} 查看。`,
    cliClosedMonthNote: '该月已结账。',
    cliClosed: (p: { month: string; residents: number; netPay: string }) =>
      `已结账 ${p.month}：${p.residents} 人，实发合计 ${p.netPay}。`,
    cliFiguresTitle: (p: { month: string }) => `${p.month} 主要数字`,
    cliFigureResidentsPaid: '领取工资人数',
    cliFigureHardship: '其中困难户',
    cliFigureNearHardship: '其中困难边缘户',
    cliFigureAccepted: '合格件数',
    cliFigureRejected: '不合格件数',
    cliFigureRejectRate: '不合格率',
    cliFigurePiecePay: '计件工资',
    cliFigureAdjustments: '调整',
    cliFigureNetPay: '实发合计',
    cliFigureAverage: '人均实发',
    cliFigureMedian: '实发中位数',
    cliFigurePartnerRevenue: '合作单位结算额',
    cliFigureMargin: '已定价订单：结算额减计件工资',
    cliFigureAboveThreshold: (p: { threshold: string }) => `实发超过 ${p.threshold} 的人数`,
    cliDemoWriting: (p: { file: string; today: string }) =>
      `正在写示例工作簿 ${p.file}（今天按 ${p.today} 计）…`,
    cliDemoCheck: (p: { errors: number; warnings: number }) =>
      `检查数据：${p.errors} 个错误、${p.warnings} 个警告（示例中故意留了几行错误数据）。`,
    cliDemoNext: (p: { file: string; command: string }) =>
      `用 Excel 或 WPS 打开 ${p.file} 查看；运行 ${p.command} 查看问题列表。`,
    cliProgressRead: '读取',
    cliProgressCompute: '计算',
    cliProgressWrite: '写入',
    cliUnexpected: (p: { detail: string }) => `发生意外错误：${p.detail}`,
    cliOutputLost: (p: { detail: string }) =>
      `命令的输出无法写出（${p.detail}），已丢失；命令本身已运行完毕。要看它的输出，请把输出改到别处后再运行一次。`,
    // The .xlsx change log (issue 20, docs/roles.md).
    auditFileWho: (p: { who: string }) => `${p.who}（文件记录）`,
    auditFileWhoUnknown: '未知（文件未记录）',
    auditFileDetails: (p: { modified: string }) =>
      `按文件记录：最后保存于 ${p.modified}；两次运行之间多人保存时只知最后一位`,
    cliChangesHeading: (p: { count: number; who: string; when: string }) =>
      `自上次写入工作簿的运行以来改动了 ${p.count} 行（最后保存：${p.who}，${p.when}）：`,
    cliChangeLine: (p: { action: string; where: string; change: string; flags: string }) =>
      `  ${p.action} ${p.where}${p.change}${p.flags === '' ? '' : `  [${p.flags}]`}`,
    cliChangesRecorded: '以上改动已记入「审计」表。',
    auditLogRestarted:
      '没有「审计快照」表（被删除、已损坏或本文件从未有过）：上次运行以来文件中的改动无法列出，从本次运行起重新记录',
    auditTabGone:
      '「审计」表不见了（被删除或改了名）：此前的记录已不在这个表里；已重新建立，从本次运行起记录',
    auditTabEdited:
      '「审计」表在文件中被改动过：上次写入时已有的记录被删除或修改（工坊只追加，从不改动已有的行）；以下照常记录',
    cliAuditEdited: (p: { recorded: boolean }) =>
      `「审计」表在文件中被改动过：上次写入工作簿时已有的记录，有的被删除或修改了（工坊只在末尾追加，从不改动已有的行）。${p.recorded ? '已在「审计」表记下这一点。' : '下一个写入工作簿的命令会在「审计」表记下这一点。'}`,
    cliAuditTabGone: (p: { recorded: boolean }) =>
      `「审计」表不见了（被删除或改了名）：此前的改动记录已不在这个表里。${p.recorded ? '已重新建立「审计」表，并在第一行记下这一点。' : '下一个写入工作簿的命令会重新建立「审计」表，并在第一行记下这一点。'}`,
    cliLogRestarted: (p: { recorded: boolean }) =>
      `没有「审计快照」表（被删除、已损坏或本文件从未有过）：上次写入工作簿的运行以来的改动无法列出。${p.recorded ? '已在「审计」表记下这一点，并从本次起重新记录。' : '下一个写入工作簿的命令会在「审计」表记下这一点，并重新开始记录。'}`,
    cliChangesNotRecorded:
      'check 只读不写：以上改动将由下一个写入工作簿的命令（generate、close、reopen、check --correct 或 --mark）记入「审计」表。',
  },
  {
    cliUsage: (p: { version: string }) =>
      [
        `Gongfang ${p.version} — ledger, payouts and summaries of a community piecework workshop (.xlsx)`,
        '',
        'Usage: gongfang <command> [options]',
        '',
        'Commands:',
        '  demo      write a sample workbook and generate its latest month',
        '  init      create a workbook with Set up applied',
        '  check     check the data: every problem with tab, row and column',
        '  generate  build the Payout, Payslips and Summary tabs of a month',
        '  close     close a month (lock its payout)',
        '  partners  write each partner its order progress and statement (no personal data)',
        '  reopen    reopen the latest closed month (the record is kept)',
        '  year      build the Year, Statements and Impact tabs of a year',
        '  archive   move a closed year to an archive workbook, leaving carried-forward rows',
        '',
        'Options for every command:',
        '  --lang zh-CN|en  language (default from LANG / LC_ALL)',
        '  --tz ZONE        time zone dates are read in (default Asia/Shanghai)',
        '  --json           machine-readable output',
        '  --today DATE     take this day (YYYY-MM-DD) as today (default: today)',
        '  -h, --help       show help',
        '  -v, --version    show the version',
        '',
        'Exit codes: 0 done, 1 data errors, 2 usage or file errors.',
        'Run gongfang <command> --help for a command’s options.',
      ].join('\n'),
    cliDemoUsage: [
      'Usage: gongfang demo [FILE] [--force] [--today YYYY-MM-DD] [--lang zh-CN|en]',
      '',
      'Writes a sample workbook (about 30 residents, 5 partners, 10 orders, three months of',
      'pieces), sets it up, generates the latest month’s Payout, Payslips and Summary tabs,',
      'and prints that month’s key figures.',
      '',
      '  FILE or --out FILE  output file (default gongfang-demo.xlsx in the current folder)',
      '  --force             overwrite an existing file (without it, only a demo nobody changed)',
      '  --today YYYY-MM-DD  the day the sample data treats as today (default: today)',
    ].join('\n'),
    cliInitUsage: [
      'Usage: gongfang init FILE [--lang zh-CN|en] [--force]',
      '',
      'Creates a workbook with Set up applied: the Residents, Partners, Orders, Pieces,',
      'Adjustments and Settings tabs with headers, formats and drop-downs. With --force on an',
      'existing file, runs Set up on it (never deletes or moves data).',
    ].join('\n'),
    cliCheckUsage: [
      'Usage: gongfang check FILE [--mark] [--correct] [--json] [--today YYYY-MM-DD]',
      '',
      'Checks the data and lists every error and warning (tab, row, column, message), and',
      'the closed months whose rows changed after closing. Exits with 1 when there is any error.',
      '  --mark     also mark the bad cells in the workbook (background and note) and clear the',
      '             marks of cells fixed since',
      '  --correct  add the correction rows of changed closed months to Adjustments (each in',
      '             the first month after the one it corrects that is not closed)',
      'Without --mark or --correct the file is not changed.',
    ].join('\n'),
    cliGenerateUsage: [
      'Usage: gongfang generate FILE [--month YYYY-MM] [--out FILE] [--force] [--json]',
      '',
      'Builds the Payout, Payslips and Summary tabs of a month (replacing earlier versions)',
      'and prints its key figures.',
      '  --month YYYY-MM  the month (default: last month during the first 10 days, else this month)',
      '  --out FILE       write to another file and leave the input untouched',
      '  --force          overwrite the --out file even if gongfang did not write it or it changed',
      '                   since; replace tabs of the same names that gongfang did not generate',
      'The Summary gets two charts of its trend (shown by Excel, WPS and LibreOffice); every',
      'tab prints on A4 with its tables’ headers on each page.',
    ].join('\n'),
    cliCloseUsage: [
      'Usage: gongfang close FILE --month YYYY-MM [--by NAME] [--force] [--json]',
      '',
      'Closes a month with no errors: records residents paid, total net pay and a fingerprint',
      'of the data in the Closings tab. Afterwards, regenerating that month is refused if its',
      'rows have changed.',
      '  --by NAME  who closes it (default: the system user name)',
      '  --force    close although the month is not over yet, or has no rows',
    ].join('\n'),
    cliNoCurrentFolder:
      'The current folder no longer exists (it was moved or deleted while the terminal was in it); nothing was read or written. Go to a folder that exists (cd) and run the command again.',
    cliUnknownCommand: (p: { command: string }) =>
      `There is no "${p.command}" command. Run gongfang --help to see the commands.`,
    cliNoCommand:
      'No command was given, e.g. gongfang check ledger.xlsx. Run gongfang --help to see the commands.',
    cliUnknownOption: (p: { option: string; command: string }) =>
      `gongfang ${p.command} has no option ${p.option}.\nRun gongfang ${p.command} --help to see how to use it.`,
    cliOptionNeedsValue: (p: { option: string; command: string }) =>
      `The option ${p.option} needs a value.\nRun gongfang ${p.command} --help to see how to use it.`,
    cliOptionTakesNoValue: (p: { option: string; command: string }) =>
      `The option ${p.option} takes no value; write just ${p.option}.\nRun gongfang ${p.command} --help to see how to use it.`,
    cliExtraArguments: (p: { extra: string; command: string }) =>
      `Unexpected arguments: ${p.extra}. gongfang ${p.command} works on one workbook at a time.\nRun gongfang ${p.command} --help to see how to use it.`,
    cliDemoTwoFiles: (p: { file: string; out: string }) =>
      `Which file should the demo go to? Two were given: ${p.file} and --out ${p.out}. Give one, e.g. gongfang demo ${p.file}`,
    cliMissingFile: (p: { command: string }) =>
      `Name the workbook file, for example: gongfang ${p.command} ledger.xlsx`,
    cliEmptyPath: (p: { option: string }) =>
      `${p.option} has no file or folder name after it; give one.`,
    cliBadMonth: (p: { value: string }) =>
      `"${p.value}" is not a month Gongfang can read; write it as YYYY-MM, e.g. 2026-11.`,
    cliMissingMonth: 'Say which month to close with --month YYYY-MM.',
    cliBadDate: (p: { value: string }) =>
      `"${p.value}" is not a date Gongfang can read; write it as YYYY-MM-DD.`,
    cliBadLang: (p: { value: string }) =>
      `Language "${p.value}" is not supported: use zh-CN or en.`,
    cliBadTimeZone: (p: { value: string }) =>
      `"${p.value}" is not a time zone, e.g. Asia/Shanghai.`,
    cliFileMissing: (p: { file: string }) => `File "${p.file}" not found.`,
    cliFolderMissing: (p: { file: string }) =>
      `Cannot write "${p.file}": its folder does not exist.`,
    cliNotAWorkbook: (p: { file: string }) =>
      `"${p.file}" is not an .xlsx workbook (save old .xls or .csv files as .xlsx in Excel or WPS first).`,
    cliCannotRead: (p: { file: string }) => `No permission to read "${p.file}".`,
    cliReadOnly: (p: { file: string }) =>
      `"${p.file}" is read-only (or its folder is); nothing was written. Check the file's permissions, or write elsewhere with --out.`,
    cliReadOnlyInPlace: (p: { file: string }) =>
      `"${p.file}" is read-only (or its folder is); nothing was written. This command writes the workbook itself: make the file and its folder writable for you (on Windows: the file's Properties, untick Read-only), then run it again.`,
    cliReadOnlyOutDir: (p: { file: string }) =>
      `"${p.file}" is read-only (or its folder is); nothing was written. Check the folder's permissions, or write the reports to another folder with --out-dir.`,
    cliCannotWrite: (p: { file: string; detail: string }) =>
      `Could not write "${p.file}"; the original is unchanged: ${p.detail}`,
    cliFileExists: (p: { file: string }) =>
      `"${p.file}" already exists. Add --force to run Set up on it.`,
    cliTabRenamed: (p: { tab: string; renamed: string }) =>
      `The workbook has no "${p.tab}" tab; the tab "${p.renamed}" has its headers, so it was probably renamed. Rename "${p.renamed}" back to "${p.tab}", then run the command again.`,
    cliColumnRenamed: (p: { tab: string; column: string; renamed: string }) =>
      `"${p.tab}" has no "${p.column}" column, so none of the tab's rows were read; the column "${p.renamed}" in its place probably had its header changed. Type "${p.column}" back as that header, then run the command again.`,
    cliColumnMaybeRenamed: (p: { tab: string; column: string; renamed: string }) =>
      `"${p.tab}" has no "${p.column}" column; the column "${p.renamed}" in its place probably had its header changed, and was not read. Type "${p.column}" back as that header (init --force would only add an empty "${p.column}" beside it).`,
    cliHeadersBelowRowOne: (p: { tab: string; row: number }) =>
      `The headers of "${p.tab}" are in row ${p.row}, but Gongfang looks for them in row 1 only, so none of the tab's rows were read. Delete the rows above the headers (a title row, say) so that they are in row 1, then run the command again.`,
    cliTabNotRead: (p: { tab: string; column: string; file: string }) =>
      `"${p.tab}" has no "${p.column}" column, so none of its rows could be read, and nothing was written (every one of them would be missing). Run gongfang init ${shellWord(p.file)} --force to add the column, fill it in, then run the command again.`,
    cliTabMissing: (p: { tab: string; file: string }) =>
      `The workbook has no "${p.tab}" tab. Run gongfang init ${shellWord(p.file)} --force to set it up first (it moves and deletes nothing).`,
    cliWrote: (p: { file: string }) => `Wrote ${p.file}`,
    cliInitUnchanged: (p: { file: string }) =>
      `${p.file} is already set up: no tab, column or setting to add, so the file was left as it was.`,
    cliCheckClean: 'No problems found.',
    cliCorrectHint: 'Run again with --correct to add these correction rows to Adjustments.',
    cliCorrected: icu(
      'en',
      'Added {count, plural, one {# correction row} other {# correction rows}} to Adjustments in {file}.',
    ),
    cliMarked: icu(
      'en',
      'Marked {marked, plural, one {# cell} other {# cells}} in {file} and cleared {cleared, plural, one {# old mark} other {# old marks}}.',
    ),
    cliCheckCounts: icu(
      'en',
      '{errors, plural, one {# error} other {# errors}} and {warnings, plural, one {# warning} other {# warnings}}. Rows with errors are left out of payouts.',
    ),
    cliCheckWarningsOnly: icu(
      'en',
      'No errors; {warnings, plural, one {# warning. A warning does not change pay: the row is paid as usual.} other {# warnings. Warnings do not change pay: those rows are paid as usual.}}',
    ),
    cliSeverityError: 'error',
    cliSeverityWarning: 'warning',
    cliColumnWhere: 'where',
    cliColumnSeverity: 'severity',
    cliColumnMessage: 'problem',
    cliGenerated: (p: { month: string; tabs: string }) => `Generated ${p.month}: ${p.tabs}`,
    cliExcludedRows: (p: { count: number; command: string }) =>
      `Rows left out of pay because of errors: ${p.count}; run ${p.command} to see them.`,
    cliClosedMonthNote: 'This month is closed.',
    cliClosed: icu(
      'en',
      'Closed {month}: {residents, plural, one {# resident} other {# residents}}, total net pay {netPay}.',
    ),
    cliFiguresTitle: (p: { month: string }) => `Key figures for ${p.month}`,
    cliFigureResidentsPaid: 'Residents paid',
    cliFigureHardship: 'of them hardship households',
    cliFigureNearHardship: 'of them near-hardship households',
    cliFigureAccepted: 'Accepted pieces',
    cliFigureRejected: 'Rejected pieces',
    cliFigureRejectRate: 'Reject rate',
    cliFigurePiecePay: 'Piece pay',
    cliFigureAdjustments: 'Adjustments',
    cliFigureNetPay: 'Net pay',
    cliFigureAverage: 'Average net pay',
    cliFigureMedian: 'Median net pay',
    cliFigurePartnerRevenue: 'Partner revenue',
    cliFigureMargin: 'Partner revenue − piece pay, priced orders',
    cliFigureAboveThreshold: (p: { threshold: string }) => `Paid over ${p.threshold}`,
    cliDemoWriting: (p: { file: string; today: string }) =>
      `Writing the sample workbook ${p.file} (taking today as ${p.today})…`,
    cliDemoCheck: icu(
      'en',
      'Check data: {errors, plural, one {# error} other {# errors}} and {warnings, plural, one {# warning} other {# warnings}} (the sample has a few wrong rows on purpose).',
    ),
    cliDemoNext: (p: { file: string; command: string }) =>
      `Open ${p.file} in Excel or WPS; run ${p.command} to list the problems.`,
    cliProgressRead: 'reading',
    cliProgressCompute: 'computing',
    cliProgressWrite: 'writing',
    cliUnexpected: (p: { detail: string }) => `Unexpected error: ${p.detail}`,
    cliOutputLost: (p: { detail: string }) =>
      `The command's output could not be written (${p.detail}) and is lost; the command itself ran to its end. Run it again with its output going elsewhere to see what it said.`,
    // The .xlsx change log (issue 20, docs/roles.md).
    auditFileWho: (p: { who: string }) => `${p.who} (as the file records it)`,
    auditFileWhoUnknown: 'unknown (not in the file)',
    auditFileDetails: (p: { modified: string }) =>
      `As the file records it: last saved ${p.modified}; of several saves between two runs only the last is known`,
    cliChangesHeading: icu(
      'en',
      '{count, plural, one {# row changed} other {# rows changed}} since the last run that wrote the workbook (last saved by {who}, {when}):',
    ),
    cliChangeLine: (p: { action: string; where: string; change: string; flags: string }) =>
      `  ${p.action} ${p.where}${p.change}${p.flags === '' ? '' : `  [${p.flags}]`}`,
    cliChangesRecorded: 'These changes are recorded on the Audit tab.',
    auditLogRestarted:
      'No Audit snapshot tab (deleted, damaged, or never kept in this file): what changed in the file since the last run cannot be listed; the log starts again from this run',
    auditTabGone:
      'The Audit tab was missing (deleted or renamed): the earlier rows are no longer in it; made again, recording from this run',
    auditTabEdited:
      'The Audit tab was changed in the file: rows it had at the last run were removed or edited (Gongfang only ever adds rows); recording goes on below',
    cliAuditEdited: (p: { recorded: boolean }) =>
      `The Audit tab was changed in the file: rows it had when the workbook was last written were removed or edited (Gongfang only ever adds rows at its end). ${p.recorded ? 'This is recorded on the Audit tab.' : 'The next command that writes the workbook records this on the Audit tab.'}`,
    cliAuditTabGone: (p: { recorded: boolean }) =>
      `The Audit tab is missing (deleted or renamed): the earlier record of changes is no longer in it. ${p.recorded ? 'The Audit tab is made again, its first row saying so.' : 'The next command that writes the workbook makes the Audit tab again, its first row saying so.'}`,
    cliLogRestarted: (p: { recorded: boolean }) =>
      `No Audit snapshot tab (deleted, damaged, or never kept in this file): what changed since the last run that wrote the workbook cannot be listed. ${p.recorded ? 'This is recorded on the Audit tab, and the log starts again from this run.' : 'The next command that writes the workbook records this on the Audit tab and starts the log again.'}`,
    cliChangesNotRecorded:
      'check only reads: the next command that writes the workbook (generate, close, reopen, check --correct or --mark) records these changes on the Audit tab.',
  },
);
