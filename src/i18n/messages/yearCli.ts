import { defineMessages, icu } from '../define';

/** The command line's messages of the year end: `gongfang year` and `gongfang archive`. */
export const yearCliMessages = defineMessages(
  {
    cliYearUsage: [
      '用法：gongfang year 文件 [--year YYYY] [--out 文件] [--force] [--json]',
      '',
      '生成「年度 YYYY」（每位居民每月的实发）、「收入明细 YYYY」（每人一页，可打印签字）',
      '和「成效 YYYY」（给资助方的年度数字，不含个人信息）三张表，覆盖旧的版本。',
      '只有已结账的月份计入合计；未结账的月份单列为草稿。',
      '  --year YYYY  年份（默认：1–3 月为上一年，否则为今年）',
      '  --out 文件   写到另一个文件，原文件不变',
      '  --force      --out 的文件已存在且不是 gongfang 写出后未改动的文件时，仍覆盖它；',
      '               工作簿里已有同名但不是 gongfang 生成的工作表时，仍用生成的表替换它',
    ].join('\n'),
    cliBadYear: (p: { value: string }) => `「${p.value}」不是年份，请按 2026 的格式填写 --year。`,
    cliYearDone: (p: { year: number; tabs: string }) => `已生成 ${p.year} 年：${p.tabs}`,
    cliYearResidents: (p: { residents: number; total: string; months: number }) =>
      `已结账的 ${p.months} 个月：${p.residents} 位居民，实发合计 ${p.total}`,
    cliYearImpactTitle: '成效（不含个人信息）',
    cliArchiveUsage: [
      '用法：gongfang archive 文件 --year YYYY --out 归档文件.xlsx [--force] [--json]',
      '',
      '把已全部结账的一年移到新的归档工作簿：先写好归档文件并从磁盘读回核对，',
      '再从台账的「计件」「调整」中移走这一年的行，留下结转行（以后的各项数字不变），',
      '并在「设置」中记下归档文件。任何一步失败，台账都保持原样。',
      '  --year YYYY   要归档的年份（它的每个月都要已结账）',
      '  --out 文件    归档工作簿（新文件）',
      '  --force       --out 的文件已存在时仍覆盖它（只用于没有完成的归档留下的文件）',
    ].join('\n'),
    cliArchiveMissingOut: '请用 --out 指定归档工作簿，例如 --out 台账2025归档.xlsx。',
    cliArchiveMissingYear: '请用 --year 指定要归档的年份，例如 --year 2025。',
    cliArchiveSameFile: (p: { file: string }) => `--out 不能是台账本身（${p.file}）。`,
    cliArchiveExists: (p: { file: string }) =>
      `「${p.file}」已存在，没有覆盖：它可能是另一年的归档，那一年的行只在它里面。` +
      `请给归档文件一个新文件名（--out）；如果它是上次没有完成的归档留下的，加 --force。`,
    cliArchiveOtherName: (p: { file: string; ledger: string }) =>
      `--out 不能是台账本身：「${p.file}」是「${p.ledger}」的另一个名字（链接）。请给归档工作簿一个新文件名。`,
    cliArchived: (p: { year: number; pieces: number; adjustments: number; archive: string }) =>
      `已把 ${p.year} 年的 ${p.pieces} 行计件和 ${p.adjustments} 行调整写入 ${p.archive}，并已读回核对。`,
    cliArchiveCarried: (p: { file: string; carried: number; location: string }) =>
      `${p.file} 中留下 ${p.carried} 行结转；「设置」的「归档」行记为 ${p.location}。`,
    cliArchivedChanged: (p: { months: string }) =>
      `${p.months} 的行有改动，而这一年已归档：check --correct 不会为它写更正，这些改动不计入工资。请在未结账的月份加一行调整来支付。`,
    cliFormulaRows: (p: { tab: string; row: number }) =>
      `「${p.tab}」第 ${p.row} 行有公式，归档移走行后它会指错行，所以没有归档，文件没有改动。请把这一列的公式改为数值（复制后“只粘贴数值”）再试。`,
  },
  {
    cliYearUsage: [
      'Usage: gongfang year FILE [--year YYYY] [--out FILE] [--force] [--json]',
      '',
      "Builds Year YYYY (each resident's net pay by month), Statements YYYY (a page per resident,",
      "to print and sign) and Impact YYYY (the year's figures for funders, no personal data),",
      'replacing earlier versions. Only closed months count in totals; others are drafts.',
      '  --year YYYY  the year (default: last year in January to March, else this year)',
      '  --out FILE   write to another file and leave the input untouched',
      '  --force      overwrite the --out file even if gongfang did not write it or it changed',
      '               since; replace tabs of the same names that gongfang did not generate',
    ].join('\n'),
    cliBadYear: (p: { value: string }) => `"${p.value}" is not a year; give --year like 2026.`,
    cliYearDone: (p: { year: number; tabs: string }) => `Built ${p.year}: ${p.tabs}`,
    cliYearResidents: icu<{ residents: number; total: string; months: number }>(
      'en',
      '{months, plural, one {# closed month} other {# closed months}}: {residents, plural, one {# resident} other {# residents}}, net pay {total}',
    ),
    cliYearImpactTitle: 'Impact (no personal data)',
    cliArchiveUsage: [
      'Usage: gongfang archive FILE --year YYYY --out ARCHIVE.xlsx [--force] [--json]',
      '',
      'Moves a year whose months are all closed to a new archive workbook: the archive is',
      "written and read back from disk first; only then do the year's rows leave Pieces and",
      'Adjustments, with carried-forward rows in their place (every later figure stays the same),',
      'and Settings records the archive. If any step fails, the ledger stays as it was.',
      '  --year YYYY   the year to archive (every month of it closed)',
      '  --out FILE    the archive workbook (a new file)',
      '  --force       overwrite an existing --out file (only one left over from an archive that did not finish)',
    ].join('\n'),
    cliArchiveMissingOut: 'Give the archive workbook with --out, e.g. --out ledger-2025.xlsx.',
    cliArchiveMissingYear: 'Give the year to archive with --year, e.g. --year 2025.',
    cliArchiveSameFile: (p: { file: string }) => `--out cannot be the ledger itself (${p.file}).`,
    cliArchiveExists: (p: { file: string }) =>
      `"${p.file}" already exists and was not replaced: it may be the archive of another year, the only copy of its rows. ` +
      'Give the archive a new file name (--out), or add --force if it is left over from an archive that did not finish.',
    cliArchiveOtherName: (p: { file: string; ledger: string }) =>
      `--out cannot be the ledger itself: "${p.file}" is another name (a link) of "${p.ledger}". Give the archive workbook a new file name.`,
    cliArchived: icu<{ year: number; pieces: number; adjustments: number; archive: string }>(
      'en',
      'Wrote {pieces, plural, one {# Pieces row} other {# Pieces rows}} and {adjustments, plural, one {# Adjustments row} other {# Adjustments rows}} of {year} to {archive}, and read them back.',
    ),
    cliArchiveCarried: icu<{ file: string; carried: number; location: string }>(
      'en',
      '{carried, plural, one {# carried-forward row stays} other {# carried-forward rows stay}} in {file}; the Archive row of Settings says {location}.',
    ),
    cliArchivedChanged: (p: { months: string }) =>
      `Rows of ${p.months} changed, a month of an archived year: check --correct makes no correction for it, so the change is not paid. Pay it as an adjustment of an open month.`,
    cliFormulaRows: (p: { tab: string; row: number }) =>
      `Row ${p.row} of "${p.tab}" holds a formula, which would point at the wrong rows once rows are removed: nothing was archived and the file is unchanged. Replace that column's formulas by their values (copy, paste values only), then try again.`,
  },
);
