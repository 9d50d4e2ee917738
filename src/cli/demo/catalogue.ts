/**
 * The people, partners and orders of the sample workshop: a neighbourhood committee's
 * handicraft workshop with believable crafts and pay rates.
 */
import type { Category } from '../../workbook/layout';

export type CraftKey = 'paperCutting' | 'embroidery' | 'rhinestone' | 'colouring' | 'assembly';

export interface SampleResident {
  readonly name: string;
  readonly category: Category;
  readonly crafts: readonly CraftKey[];
  /** Left the register before the latest month. */
  readonly inactive?: boolean;
}

/** Thirty residents; most are women at home or retired, as in most community workshops. */
export const SAMPLE_RESIDENTS: readonly SampleResident[] = [
  { name: '王秀英', category: 'hardship', crafts: ['rhinestone', 'assembly'] },
  { name: '李桂兰', category: 'retired', crafts: ['embroidery'] },
  { name: '张淑珍', category: 'nearHardship', crafts: ['paperCutting'] },
  { name: '刘凤英', category: 'homemaker', crafts: ['rhinestone', 'colouring'] },
  { name: '陈玉梅', category: 'hardship', crafts: ['embroidery', 'paperCutting'] },
  { name: '杨丽华', category: 'homemaker', crafts: ['colouring'] },
  { name: '赵建国', category: 'retired', crafts: ['assembly'] },
  { name: '黄美玲', category: 'nearHardship', crafts: ['rhinestone'] },
  { name: '周桂芳', category: 'retired', crafts: ['paperCutting', 'embroidery'] },
  { name: '吴春梅', category: 'hardship', crafts: ['assembly', 'colouring'] },
  { name: '徐海燕', category: 'homemaker', crafts: ['rhinestone'] },
  { name: '孙秀兰', category: 'hardship', crafts: ['embroidery'] },
  { name: '马玉兰', category: 'nearHardship', crafts: ['assembly'] },
  { name: '朱红霞', category: 'homemaker', crafts: ['colouring', 'rhinestone'] },
  { name: '胡德明', category: 'retired', crafts: ['paperCutting'] },
  { name: '郭小红', category: 'hardship', crafts: ['rhinestone', 'assembly'] },
  { name: '何文静', category: 'homemaker', crafts: ['embroidery'] },
  { name: '高凤兰', category: 'nearHardship', crafts: ['colouring'] },
  { name: '林秀珍', category: 'retired', crafts: ['embroidery', 'colouring'] },
  { name: '罗翠花', category: 'hardship', crafts: ['paperCutting', 'rhinestone'] },
  { name: '郑丽娟', category: 'homemaker', crafts: ['assembly'] },
  { name: '梁淑英', category: 'retired', crafts: ['paperCutting'] },
  { name: '宋金凤', category: 'nearHardship', crafts: ['rhinestone'] },
  { name: '谢晓燕', category: 'homemaker', crafts: ['colouring', 'assembly'] },
  { name: '韩桂英', category: 'hardship', crafts: ['embroidery'], inactive: true },
  { name: '唐素芬', category: 'retired', crafts: ['assembly', 'rhinestone'] },
  { name: '冯玉珍', category: 'nearHardship', crafts: ['paperCutting'] },
  { name: '董艳红', category: 'homemaker', crafts: ['rhinestone', 'colouring'] },
  { name: '程志强', category: 'other', crafts: ['assembly'] },
  { name: '曹秀云', category: 'hardship', crafts: ['embroidery', 'paperCutting'] },
];

export interface SamplePartner {
  readonly zh: string;
  readonly en: string;
  readonly contact: string;
}

export const SAMPLE_PARTNERS: readonly SamplePartner[] = [
  { zh: '义乌市晶彩饰品有限公司', en: 'Yiwu Jingcai Accessories Co.', contact: '钱经理' },
  { zh: '蔚县剪纸文化传媒有限公司', en: 'Yuxian Papercut Culture Co.', contact: '白老师' },
  { zh: '苏州锦绣坊工艺品厂', en: 'Suzhou Jinxiu Embroidery Works', contact: '沈师傅' },
  { zh: '杭州童趣文创有限公司', en: 'Hangzhou Tongqu Creative Co.', contact: '方女士' },
  { zh: '宁波欢乐节庆用品有限公司', en: 'Ningbo Festive Goods Co.', contact: '邵经理' },
];

export interface SampleOrder {
  readonly partner: number;
  readonly zh: string;
  readonly en: string;
  readonly craft: CraftKey;
  /** Yuan per accepted piece, as staff type it. */
  readonly payRate: string;
  readonly partnerPrice: string;
  /** Months before the latest month that the order came in (2 = the first demo month). */
  readonly receivedMonthsBack: number;
  readonly receivedDay: number;
  /** Months after receipt that it is due, and the day. */
  readonly dueMonthsAfter: number;
  readonly dueDay: number;
  readonly status: 'open' | 'done';
  /** Work stopped at the due date and the quantity is exactly what was delivered. */
  readonly fullyDelivered?: boolean;
}

export const SAMPLE_ORDERS: readonly SampleOrder[] = [
  {
    partner: 0,
    zh: '粘钻发夹',
    en: 'Rhinestone hair clips',
    craft: 'rhinestone',
    payRate: '0.03',
    partnerPrice: '0.05',
    receivedMonthsBack: 2,
    receivedDay: 3,
    dueMonthsAfter: 3,
    dueDay: 28,
    status: 'open',
  },
  {
    partner: 0,
    zh: '粘钻手机壳',
    en: 'Rhinestone phone cases',
    craft: 'rhinestone',
    payRate: '0.045',
    partnerPrice: '0.08',
    receivedMonthsBack: 1,
    receivedDay: 8,
    dueMonthsAfter: 1,
    dueDay: 25,
    status: 'open',
  },
  {
    partner: 1,
    zh: '福字窗花剪纸',
    en: 'Fu window paper cuts',
    craft: 'paperCutting',
    payRate: '1.5',
    partnerPrice: '2.6',
    receivedMonthsBack: 2,
    receivedDay: 5,
    dueMonthsAfter: 2,
    dueDay: 20,
    status: 'open',
  },
  {
    partner: 1,
    zh: '十二生肖剪纸',
    en: 'Zodiac paper cuts',
    craft: 'paperCutting',
    payRate: '2.8',
    partnerPrice: '4.5',
    receivedMonthsBack: 1,
    receivedDay: 12,
    dueMonthsAfter: 2,
    dueDay: 15,
    status: 'open',
  },
  {
    partner: 2,
    zh: '刺绣香囊',
    en: 'Embroidered sachets',
    craft: 'embroidery',
    payRate: '6.5',
    partnerPrice: '10',
    receivedMonthsBack: 2,
    receivedDay: 10,
    dueMonthsAfter: 2,
    dueDay: 30,
    status: 'open',
  },
  {
    partner: 2,
    zh: '苏绣杯垫',
    en: 'Suzhou-embroidered coasters',
    craft: 'embroidery',
    payRate: '8.333',
    partnerPrice: '',
    receivedMonthsBack: 1,
    receivedDay: 2,
    dueMonthsAfter: 1,
    dueDay: 28,
    status: 'open',
  },
  {
    partner: 3,
    zh: '木书签上色',
    en: 'Wooden bookmark colouring',
    craft: 'colouring',
    payRate: '0.6',
    partnerPrice: '1',
    receivedMonthsBack: 2,
    receivedDay: 6,
    dueMonthsAfter: 2,
    dueDay: 25,
    status: 'open',
  },
  {
    partner: 3,
    zh: '石膏娃娃彩绘',
    en: 'Plaster doll painting',
    craft: 'colouring',
    payRate: '1.2',
    partnerPrice: '2',
    receivedMonthsBack: 0,
    receivedDay: 1,
    dueMonthsAfter: 1,
    dueDay: 20,
    status: 'open',
  },
  {
    partner: 4,
    zh: '圣诞挂件组装',
    en: 'Christmas ornament assembly',
    craft: 'assembly',
    payRate: '0.25',
    partnerPrice: '0.4',
    receivedMonthsBack: 1,
    receivedDay: 15,
    dueMonthsAfter: 1,
    dueDay: 10,
    status: 'open',
  },
  {
    partner: 4,
    zh: '中国结组装',
    en: 'Chinese knot assembly',
    craft: 'assembly',
    payRate: '0.8',
    partnerPrice: '1.3',
    receivedMonthsBack: 2,
    receivedDay: 1,
    dueMonthsAfter: 1,
    dueDay: 15,
    status: 'open',
    fullyDelivered: true,
  },
];

/** Pieces one resident typically hands in at once, by craft. */
export const BATCH_SIZE: Readonly<Record<CraftKey, readonly [number, number]>> = {
  rhinestone: [400, 1500],
  paperCutting: [15, 60],
  embroidery: [3, 12],
  colouring: [60, 220],
  assembly: [150, 600],
};

export const RECORDERS = ['李老师', '周主任', '陈社工'] as const;
