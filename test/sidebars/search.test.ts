/** The type-ahead's matching rules (its speed is measured in chromium: test/browser/sidebars.test.ts). */
import { ResidentSearch, foldQuery } from '../../src/ui/sidebar-common/search';

const residents = [
  { id: 'R1', name: '王秀英', active: true },
  { id: 'R2', name: '李桂兰', active: true },
  { id: 'R10', name: '张凤', active: false },
  { id: 'R11', name: '王小明', active: true },
  { id: 'R12', name: 'Mary Wang', active: true },
];

const ids = (found: { id: string }[]) => found.map((r) => r.id);

it('finds by pinyin initials, full pinyin and a mix', () => {
  const search = new ResidentSearch(residents);
  expect(ids(search.find('wxy'))).toEqual(['R1']);
  expect(ids(search.find('wangxiu'))).toEqual(['R1']);
  expect(ids(search.find('wangx'))).toEqual(['R1', 'R11']);
  expect(ids(search.find('lgl'))).toEqual(['R2']);
  expect(ids(search.find('zf'))).toEqual(['R10']);
});

it('finds by ID, by name in characters or letters, full-width typing folded', () => {
  const search = new ResidentSearch(residents);
  expect(ids(search.find('r10'))).toEqual(['R10']);
  expect(ids(search.find('Ｒ２'))).toEqual(['R2']);
  expect(ids(search.find('秀'))).toEqual(['R1']);
  expect(ids(search.find('mary'))).toEqual(['R12']);
  expect(search.find('qqqq')).toEqual([]);
  expect(foldQuery(' Ｗ ｘ ｙ ')).toBe('wxy');
});

it('puts the exact ID first, then recent residents, and finds inactive ones', () => {
  const search = new ResidentSearch(residents, ['R11', 'R10']);
  expect(ids(search.find(''))).toEqual(['R11', 'R10', 'R1', 'R2', 'R12']);
  expect(ids(search.find('r1'))).toEqual(['R1', 'R11', 'R10', 'R12']);
  expect(ids(search.find('w'))).toEqual(['R11', 'R1', 'R12']);
  expect(search.find('zhang')[0]?.active).toBe(false);
});

it('finds mixes of full pinyin, initials and characters, and rarer name characters', () => {
  const search = new ResidentSearch([
    ...residents,
    { id: 'R20', name: '张秀兰', active: true },
    { id: 'R21', name: '王堃', active: true },
  ]);
  expect(ids(search.find('zhangxl'))).toEqual(['R20']);
  expect(ids(search.find('zxiulan'))).toEqual(['R20']);
  expect(ids(search.find('张xl'))).toEqual(['R20']);
  expect(ids(search.find('zhang秀'))).toEqual(['R20']);
  expect(ids(search.find('kun'))).toEqual(['R21']);
  expect(ids(search.find('wk'))).toEqual(['R21']);
  expect(ids(search.find('wangkun'))).toEqual(['R21']);
  expect(search.find('zxq')).toEqual([]);
});

it('finds a transliterated name typed without the dot between its parts', () => {
  const search = new ResidentSearch([
    ...residents,
    { id: 'R30', name: '阿依古丽·买买提', active: true },
    { id: 'R31', name: '约翰•史密斯', active: true },
  ]);
  // Before: only a query holding the dot, or within one part, found them.
  expect(ids(search.find('阿依古丽买买提'))).toEqual(['R30']);
  expect(ids(search.find('ayglmmt'))).toEqual(['R30']);
  expect(ids(search.find('古丽买'))).toEqual(['R30']);
  expect(ids(search.find('阿依古丽·买'))).toEqual(['R30']);
  expect(ids(search.find('yuehanshimisi'))).toEqual(['R31']);
});
