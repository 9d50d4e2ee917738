import { archiveYear } from '../../src/features/archiveYear';
import { MemoryWorkbook } from '../support/memoryWorkbook';
import { closedYearTabs, memoryArchive } from '../support/yearLedger';

const today = '2026-12-20';
const now = new Date('2026-12-20T02:00:00Z');

it('smoke', () => {
  const book = new MemoryWorkbook(closedYearTabs());
  const { target, archive } = memoryArchive();
  const result = archiveYear(book, target, { year: 2025, now, today });
  console.log(JSON.stringify(result));
  console.log(archive.tabs.map((t) => `${t.name}: ${t.values.length}`).join('\n'));
  console.log(
    book
      .tab('计件')
      ?.values.slice(0, 8)
      .map((r) => r.join(' | '))
      .join('\n'),
  );
  console.log(
    book
      .tab('调整')
      ?.values.map((r) => r.join(' | '))
      .join('\n'),
  );
  console.log(
    book
      .tab('设置')
      ?.values.map((r) => r.join(' | '))
      .join('\n'),
  );
});
