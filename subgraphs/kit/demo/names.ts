import { regionName, regionNames } from '../identifiers/regions.ts';
import type { Random } from './random.ts';
import { hashSeed } from './random.ts';
import type { DemoSubject } from './subjects.ts';

// Names, people and addresses for demo subjects. What a subject *is* (its industry, shop or office) follows
// from its code, so entityName and businessScope agree without sharing state; how it is *worded* comes from
// the caller's random source.

const TRADE_CHARS = Array.from(
  '恒泰华盛鑫源金福瑞祥隆兴昌达宏远嘉诚信德顺丰利康安宝鼎天新佳和伟鹏海汇通润永益广茂荣发成正光明东方中宇凯旺升辉博创晟豪聚禾欣悦美亿万众合邦航腾峰立旭森林锦耀奥俊',
);

// The ~100 commonest surnames, commonest first; picks are skewed towards the front as real names are.
const SURNAMES = Array.from(
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤',
);
const GIVEN_CHARS = Array.from('伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国文辉鹏飞宇浩凯晨欣怡佳琳雪梅海波斌宁志林峰春东亮成俊鑫颖倩婷涵晓');
// Given names an individual business is often called by: 华龙区建国五金店.
const SHOP_OWNER_NAMES = '建国 建华 国庆 春生 秀英 桂兰 志强 海军 红梅 卫东 玉珍 德山 长青 永胜 淑芬 金凤'.split(' ');

const LICENSED_ITEMS = new Set(
  '食品生产 食品销售 餐饮服务 药品批发 药品零售 道路货物运输（不含危险货物） 建设工程施工 酒制品生产 酒类经营 烟草制品零售 住宿服务 食品小作坊经营 住宅室内装饰装修 包装装潢印刷品印刷'.split(' '),
);

// [industry, business-scope items]
const INDUSTRIES: readonly (readonly [string, string])[] = [
  ['机械制造', '通用设备制造（不含特种设备制造） 机械零件、零部件加工 机械设备销售'],
  ['化工', '化工产品生产（不含许可类化工产品） 化工产品销售（不含许可类化工产品）'],
  ['商贸', '日用百货销售 五金产品批发 建筑材料销售 办公用品销售'],
  ['建筑工程', '建设工程施工 土石方工程施工 园林绿化工程施工'],
  ['食品', '食品生产 食品销售 农副产品销售'],
  ['物流', '道路货物运输（不含危险货物） 普通货物仓储服务（不含危险化学品等需许可审批的项目） 国内货物运输代理'],
  ['医药', '药品批发 第二类医疗器械销售 保健食品（预包装）销售'],
  ['纺织', '面料纺织加工 服装制造 纺织、服装及家庭用品批发'],
  ['农业科技', '农业科学研究和试验发展 谷物种植 农作物栽培服务'],
  ['餐饮管理', '餐饮服务 餐饮管理 食品销售'],
  ['房地产开发', '房地产开发经营 物业管理 住房租赁'],
  ['电子科技', '电子元器件制造 电子产品销售 技术服务、技术开发、技术咨询、技术交流、技术转让、技术推广'],
  ['信息技术', '软件开发 信息系统集成服务 数据处理和存储支持服务'],
  ['汽车销售', '汽车新车销售 二手车经销 汽车零配件零售'],
  ['建材', '水泥制品制造 建筑材料销售 轻质建筑材料制造'],
  ['钢结构', '金属结构制造 钢结构工程施工 金属材料销售'],
  ['环保科技', '环境保护专用设备制造 污水处理及其再生利用 固体废物治理'],
  ['新能源', '太阳能发电技术服务 光伏设备及元器件销售 储能技术服务'],
  ['石油机械', '石油钻采专用设备制造 陆地石油和天然气开采业务服务 机械设备租赁'],
  ['装饰工程', '住宅室内装饰装修 建筑装饰材料销售'],
  ['文化传媒', '广告设计、代理 广告制作 组织文化艺术交流活动'],
  ['物业管理', '物业管理 家政服务 停车场服务'],
  ['劳务', '劳务服务（不含劳务派遣） 装卸搬运 人力资源服务（不含职业中介活动、劳务派遣服务）'],
  ['水产', '水产品收购 水产品批发 水产品冷冻加工'],
  ['木业', '木材加工 人造板制造 家具销售'],
  ['服饰', '服装服饰零售 服装制造 鞋帽零售'],
  ['包装', '纸制品制造 包装材料及制品销售 塑料制品制造'],
  ['印刷', '包装装潢印刷品印刷 纸制品销售'],
  ['旅游开发', '旅游开发项目策划咨询 游览景区管理 旅行社服务网点旅游招徕、咨询服务'],
  ['仪器仪表', '电子测量仪器制造 仪器仪表销售 技术进出口'],
  ['煤业', '煤炭洗选 煤炭及制品销售 矿山机械销售'],
  ['葡萄酒', '酒制品生产 酒类经营 食用农产品初加工'],
  ['生物科技', '生物基材料技术研发 生物化工产品技术研发 技术服务、技术开发、技术咨询、技术交流、技术转让、技术推广'],
  ['供应链管理', '供应链管理服务 国内贸易代理 货物进出口'],
];
const EXTRA_ITEMS = '货物进出口 技术进出口 信息咨询服务（不含许可类信息咨询服务） 会议及展览服务 非居住房地产租赁 普通机械设备安装服务'.split(' ');
const COMPANY_FORMS = '有限公司 有限公司 有限公司 有限公司 有限责任公司 有限责任公司 股份有限公司 集团有限公司'.split(' ');

const SHOPS: readonly (readonly [string, string])[] = [
  ['家常菜馆', '餐饮服务 食品销售'],
  ['五金店', '五金产品零售 日用百货销售'],
  ['便利店', '食品销售 烟草制品零售 日用百货销售'],
  ['理发店', '理发服务 美容服务'],
  ['水果店', '新鲜水果零售 食用农产品零售'],
  ['面馆', '餐饮服务'],
  ['烧烤店', '餐饮服务 酒类经营'],
  ['汽车修理部', '机动车修理和维护 汽车零配件零售'],
  ['服装店', '服装服饰零售 鞋帽零售'],
  ['超市', '食品销售 日用百货销售 食用农产品零售'],
  ['粮油店', '粮油仓储服务 食用农产品零售'],
  ['建材经销处', '建筑材料销售 五金产品零售'],
  ['干洗店', '洗烫服务 洗染服务'],
  ['早餐店', '餐饮服务 食品小作坊经营'],
  ['手机维修部', '通讯设备修理 移动终端设备销售'],
  ['药店', '药品零售 第二类医疗器械销售'],
  ['饺子馆', '餐饮服务'],
  ['农家乐', '餐饮服务 住宿服务'],
  ['烟酒店', '烟草制品零售 酒类经营'],
  ['门窗加工部', '金属门窗工程施工 塑料制品制造'],
  ['鲜花店', '花卉种植 礼品花卉销售'],
];

// [product, activity]: 绿源蓝莓种植专业合作社
const COOPERATIVE_LINES: readonly (readonly [string, string])[] = [
  ['蓝莓', '种植'], ['蔬菜', '种植'], ['水稻', '种植'], ['玉米', '种植'], ['食用菌', '种植'], ['人参', '种植'],
  ['中药材', '种植'], ['葡萄', '种植'], ['猕猴桃', '种植'], ['茶叶', '种植'], ['生猪', '养殖'], ['肉牛', '养殖'],
  ['蛋鸡', '养殖'], ['肉羊', '养殖'], ['水产', '养殖'], ['蜜蜂', '养殖'],
];

// Societies other than trade associations, which are built from INDUSTRIES.
const SOCIETIES = '个体劳动者协会 消费者协会 老年体育协会 摄影家协会 书法家协会 青年企业家协会 慈善总会 志愿者协会 足球协会 围棋协会'.split(' ');

// [name, 宗旨和业务范围]; '#' becomes an ordinal such as 第三.
const INSTITUTIONS: readonly (readonly [string, string])[] = [
  ['#人民医院', '为人民身体健康提供医疗与护理保健服务；医疗与护理；医学教学；医学研究；卫生医疗人员培训'],
  ['中医院', '开展中医医疗、预防、保健服务；中医药临床研究'],
  ['妇幼保健院', '妇女儿童保健服务；妇产科、儿科诊疗'],
  ['疾病预防控制中心', '疾病预防与控制；突发公共卫生事件处置；健康教育'],
  ['#中学', '实施初中、高中学历教育，促进基础教育发展'],
  ['实验小学', '实施小学义务教育，促进基础教育发展'],
  ['图书馆', '图书文献借阅；数字资源服务；公益讲座与阅读推广'],
  ['公共资源交易中心', '为公共资源交易活动提供场所、信息和见证服务'],
  ['不动产登记中心', '不动产统一登记；登记资料查询与管理'],
  ['住房公积金管理中心', '住房公积金归集、管理、使用与核算'],
  ['农业技术推广中心', '农业新技术引进、试验、示范与推广；农技培训'],
  ['广播电视台', '广播电视节目制作与播出；新闻宣传'],
];
const ORDINALS = Array.from('一二三四五');

// [office, what it is responsible for]
const OFFICES: readonly (readonly [string, string])[] = [
  ['人民政府', '本行政区域的行政工作'],
  ['市场监督管理局', '市场综合监督管理、市场主体登记注册和知识产权管理'],
  ['人力资源和社会保障局', '人力资源和社会保障'],
  ['自然资源局', '自然资源统一确权登记和国土空间规划'],
  ['住房和城乡建设局', '住房保障、城乡建设和建筑市场监督管理'],
  ['交通运输局', '公路、水路交通运输行业管理'],
  ['农业农村局', '农业农村发展和农产品质量安全监督管理'],
  ['水利局', '水资源管理和水利工程建设管理'],
  ['商务局', '内外贸易和国际经济合作'],
  ['文化和旅游局', '文化事业、文化产业和旅游业发展'],
  ['应急管理局', '应急管理和安全生产综合监督管理'],
  ['统计局', '统计调查和统计数据管理'],
  ['医疗保障局', '医疗保险、生育保险和医疗救助'],
  ['财政局', '财政收支、财税政策和国有资产管理'],
  ['教育局', '教育事业发展和教育督导'],
  ['民政局', '社会救助、社会组织登记和基层政权建设'],
  ['司法局', '法治建设、人民调解和法律服务管理'],
  ['审计局', '审计监督'],
];

const STREET_NAMES = '锦山 江城 人民 建设 解放 胜利 和平 新华 光明 中山 青年 滨江 友谊 文化 团结 振兴 兴业 工业 朝阳 长青 迎宾 站前 黄河 育才 民主 繁荣 幸福 平安 金桥 春风'.split(' ');
const STREET_KINDS = '大街 路 路 路 街 大道'.split(' ');

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const ID_CHECK = '10X98765432';

/** Which entry of its kind's list a subject is; a function of its code alone. */
function categoryOf(subject: DemoSubject, count: number): number {
  return hashSeed(subject.uscc) % count;
}

function tradeName(random: Random): string {
  const first = random.pick(TRADE_CHARS);
  let second = random.pick(TRADE_CHARS);
  while (second === first) second = random.pick(TRADE_CHARS);
  return random.chance(0.2) ? first + second + random.pick(TRADE_CHARS) : first + second;
}

function cityOf(divisionCode: string): string {
  const { city } = regionNames(divisionCode);
  if (city === null) throw new Error(`No city name for division code ${divisionCode}`);
  return city;
}

/** How a county-level name is written in an organisation's name: districts keep their city (丹东市振兴区), counties and county-level cities stand alone (清丰县). */
function countyOf(divisionCode: string): string {
  const { city, county } = regionNames(divisionCode);
  if (county === null) return cityOf(divisionCode);
  return county.endsWith('区') ? (city ?? '') + county : county;
}

function countyShortOf(divisionCode: string): string {
  const { county } = regionNames(divisionCode);
  return county ?? cityOf(divisionCode);
}

/** Government and public bodies exist at city and county level; pick one. */
function levelPrefix(subject: DemoSubject, random: Random): string {
  return random.chance(0.4) ? cityOf(subject.divisionCode) : countyOf(subject.divisionCode);
}

export function entityName(subject: DemoSubject, random: Random): string {
  const { divisionCode } = subject;
  switch (subject.kind) {
    case 'ENTERPRISE': {
      const city = cityOf(divisionCode);
      const roll = random.next();
      const place = roll < 0.4 ? city.replace(/市$/, '') : roll < 0.65 ? city : '';
      const industry = INDUSTRIES[categoryOf(subject, INDUSTRIES.length)][0];
      const form = random.pick(COMPANY_FORMS);
      return place + tradeName(random) + industry + (form === '集团有限公司' && place === '' ? '有限公司' : form);
    }
    case 'INDIVIDUAL_BUSINESS': {
      const roll = random.next();
      const owner =
        roll < 0.3
          ? '老' + surname(random)
          : roll < 0.6
            ? random.pick(SHOP_OWNER_NAMES)
            : roll < 0.8
              ? surname(random) + '记'
              : tradeName(random);
      return countyShortOf(divisionCode) + owner + SHOPS[categoryOf(subject, SHOPS.length)][0];
    }
    case 'FARMER_COOPERATIVE': {
      const [product, activity] = COOPERATIVE_LINES[categoryOf(subject, COOPERATIVE_LINES.length)];
      const suffix = random.chance(0.3) ? '农民专业合作社' : '专业合作社';
      return countyShortOf(divisionCode) + tradeName(random) + product + activity + suffix;
    }
    case 'SOCIAL_ORGANISATION': {
      const which = categoryOf(subject, INDUSTRIES.length + SOCIETIES.length);
      const body = which < INDUSTRIES.length ? INDUSTRIES[which][0] + '行业协会' : SOCIETIES[which - INDUSTRIES.length];
      return levelPrefix(subject, random) + body;
    }
    case 'PUBLIC_INSTITUTION': {
      const name = INSTITUTIONS[categoryOf(subject, INSTITUTIONS.length)][0];
      return levelPrefix(subject, random) + name.replace('#', '第' + random.pick(ORDINALS));
    }
    case 'GOVERNMENT_BODY':
      return levelPrefix(subject, random) + OFFICES[categoryOf(subject, OFFICES.length)][0];
  }
}

export function businessScope(subject: DemoSubject, random: Random): string {
  switch (subject.kind) {
    case 'ENTERPRISE': {
      const items = INDUSTRIES[categoryOf(subject, INDUSTRIES.length)][1].split(' ');
      for (let extra = random.int(0, 2); extra > 0; extra--) {
        const item = random.pick(EXTRA_ITEMS);
        if (!items.includes(item)) items.push(item);
      }
      return marketScope(items);
    }
    case 'INDIVIDUAL_BUSINESS':
      return marketScope(SHOPS[categoryOf(subject, SHOPS.length)][1].split(' '));
    case 'FARMER_COOPERATIVE': {
      const [product, activity] = COOPERATIVE_LINES[categoryOf(subject, COOPERATIVE_LINES.length)];
      return (
        `组织采购、供应成员所需的生产资料；组织收购、销售成员${activity}的${product}；` +
        `开展与${product}${activity}有关的技术培训、技术交流和信息咨询服务`
      );
    }
    case 'SOCIAL_ORGANISATION': {
      const duties = ['行业自律', '行业调研', '信息交流', '业务培训', '咨询服务', '展览展示', '承接政府委托事项'];
      return `业务范围：${duties.filter(() => random.chance(0.6)).join('、') || '信息交流、业务培训'}`;
    }
    case 'PUBLIC_INSTITUTION':
      return `宗旨和业务范围：${INSTITUTIONS[categoryOf(subject, INSTITUTIONS.length)][1]}`;
    case 'GOVERNMENT_BODY':
      return `主要职责：负责本行政区域${OFFICES[categoryOf(subject, OFFICES.length)][1]}工作`;
  }
}

// The wording registration authorities print since the 2021 business-scope catalogue.
function marketScope(items: readonly string[]): string {
  const licensed = items.filter((item) => LICENSED_ITEMS.has(item));
  const general = items.filter((item) => !LICENSED_ITEMS.has(item));
  let scope = '';
  if (licensed.length > 0) {
    scope += `许可项目：${licensed.join('；')}（依法须经批准的项目，经相关部门批准后方可开展经营活动，具体经营项目以相关部门批准文件或许可证件为准）`;
  }
  if (general.length > 0) {
    scope += `一般项目：${general.join('；')}（除依法须经批准的项目外，凭营业执照依法自主开展经营活动）`;
  }
  return scope;
}

function surname(random: Random): string {
  const u = random.next();
  return SURNAMES[Math.floor(u * u * SURNAMES.length)];
}

export function personName(random: Random): string {
  const given = random.chance(0.35) ? random.pick(GIVEN_CHARS) : random.pick(GIVEN_CHARS) + random.pick(GIVEN_CHARS);
  return surname(random) + given;
}

/** GB 11643 check character for the first 17 characters of a resident ID number. */
export function residentIdCheckCharacter(first17: string): string {
  if (!/^[0-9]{17}$/.test(first17)) throw new Error(`residentIdCheckCharacter needs 17 digits, got ${JSON.stringify(first17)}`);
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * ID_WEIGHTS[i];
  return ID_CHECK[sum % 11];
}

/** An 18-character resident ID number for someone born in the division on the date (YYYY-MM-DD). */
export function personIdNumber(divisionCode: string, birthDate: string, random: Random): string {
  if (!/^[0-9]{6}$/.test(divisionCode)) throw new Error(`Division code ${divisionCode} must be 6 digits`);
  if (!/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(birthDate)) throw new Error(`Birth date ${birthDate} must be YYYY-MM-DD`);
  const first17 = divisionCode + birthDate.replaceAll('-', '') + String(random.int(1, 999)).padStart(3, '0');
  return first17 + residentIdCheckCharacter(first17);
}

/** e.g. 辽宁省丹东市振兴区锦山大街123号 */
export function streetAddress(divisionCode: string, random: Random): string {
  const region = regionName(divisionCode);
  if (region === null) throw new Error(`No region name for division code ${divisionCode}`);
  const street = random.pick(STREET_NAMES) + random.pick(STREET_KINDS);
  return `${region}${street}${random.int(1, 399)}号`;
}
