import { sql } from 'drizzle-orm';
import type { MySql2Database } from 'drizzle-orm/mysql2';
import { ELIGIBILITY_CONTEXTS, LIST_TYPES, type EligibilityContext, type ListType } from '../lists/list-types.ts';
import { jointMeasures, listTypes, type MEASURE_EFFECTS, type MEASURE_KINDS, type LIST_COLOURS } from './tables.ts';

// The reference data of red and black lists and joint rewards and punishments (联合奖惩), as the seeds
// describe it (000: 红黑名单、联合奖惩、绿色通道和容缺受理; 001: 执行全国失信惩戒措施基础清单，制定适用于我省的
// 失信惩戒措施补充清单). Each measure names the documents it rests on. Upserted at every start
// (loadMeasureCatalogue), so a corrected text reaches every database; a measure added in the database
// under its own code is left alone.

export interface ListTypeEntry {
  code: ListType;
  name: string;
  colour: (typeof LIST_COLOURS)[number];
  department: 'MARKET' | 'TAX' | 'COURTS' | 'ENVIRONMENT' | 'PLATFORM';
  basis: string;
}

export interface MeasureEntry {
  code: string;
  name: string;
  kind: (typeof MEASURE_KINDS)[number];
  effect: (typeof MEASURE_EFFECTS)[number];
  content: string;
  triggers: readonly ListType[];
  contexts: readonly EligibilityContext[];
  basis: string;
  /** GB/T 2260 prefix for a local supplement; absent for the national list. */
  region?: string;
}

const STATE_COUNCIL_2016_33 = '《国务院关于建立完善守信联合激励和失信联合惩戒制度加快推进社会诚信建设的指导意见》（国发〔2016〕33号）';
const DISHONEST_DEBTOR_MEMO = '《关于对失信被执行人实施联合惩戒的合作备忘录》（发改财金〔2016〕141号）';
const TAX_VIOLATION_MEMO = '《关于对重大税收违法案件当事人实施联合惩戒措施的合作备忘录》（发改财金〔2014〕3062号）';
const MARKET_VIOLATION_MEMO = '《失信企业协同监管和联合惩戒合作备忘录》（发改财金〔2015〕2045号）';
const ENVIRONMENT_MEMO = '《关于对环境保护领域失信生产经营单位及其有关人员开展联合惩戒的合作备忘录》（发改财金〔2016〕1580号）';
const A_GRADE_MEMO = '《关于对纳税信用A级纳税人实施联合激励措施的合作备忘录》（发改财金〔2016〕1467号）';
const ENVIRONMENTAL_CREDIT_MEASURES = '《企业环境信用评价办法（试行）》（环发〔2013〕150号）';
const GRADED_SUPERVISION = '《国务院办公厅关于加快推进社会信用体系建设构建以信用为基础的新型监管机制的指导意见》（国办发〔2019〕35号）';

/** The four lists of serious dishonesty (严重失信主体名单) that most punishments name. */
const SERIOUS_DISHONESTY: readonly ListType[] = ['DISHONEST_JUDGMENT_DEBTOR', 'MAJOR_TAX_VIOLATION', 'SERIOUS_VIOLATION', 'ENVIRONMENTAL_BLACKLIST'];
const RED_LISTS: readonly ListType[] = ['A_GRADE_TAXPAYER', 'ENVIRONMENTAL_CREDIT_GOOD'];

export const LIST_TYPE_CATALOGUE: readonly ListTypeEntry[] = [
  {
    code: 'A_GRADE_TAXPAYER',
    name: 'A级纳税人名单',
    colour: 'RED',
    department: 'TAX',
    basis: `《纳税信用管理办法（试行）》（国家税务总局公告2014年第40号）：税务机关每年4月确定上一年度纳税信用评价结果，主动公开A级纳税人名单；${A_GRADE_MEMO}`,
  },
  {
    code: 'ENVIRONMENTAL_CREDIT_GOOD',
    name: '环保诚信企业、环保良好企业',
    colour: 'RED',
    department: 'ENVIRONMENT',
    basis: `${ENVIRONMENTAL_CREDIT_MEASURES}：评价结果分为环保诚信企业、环保良好企业、环保警示企业、环保不良企业四个等级，对诚信、良好企业予以激励；各省评价办法的等级以其对应的激励、警示、惩戒为准`,
  },
  {
    code: 'ENVIRONMENTAL_CREDIT_WARNING',
    name: '环保警示企业',
    colour: 'WARNING',
    department: 'ENVIRONMENT',
    basis: `${ENVIRONMENTAL_CREDIT_MEASURES}：对环保警示企业予以警示，加强监管`,
  },
  {
    code: 'ENVIRONMENTAL_CREDIT_POOR',
    name: '环保不良企业',
    colour: 'BLACK',
    department: 'ENVIRONMENT',
    basis: `${ENVIRONMENTAL_CREDIT_MEASURES}：对环保不良企业予以惩戒`,
  },
  {
    code: 'ENVIRONMENTAL_BLACKLIST',
    name: '环境违法失信黑名单',
    colour: 'BLACK',
    department: 'ENVIRONMENT',
    basis: `《中华人民共和国环境保护法》第五十四条：将企业事业单位和其他生产经营者的环境违法信息记入社会诚信档案，及时向社会公布违法者名单；${ENVIRONMENT_MEMO}`,
  },
  {
    code: 'ABNORMAL_OPERATIONS',
    name: '经营异常名录',
    colour: 'WARNING',
    department: 'MARKET',
    basis: '《企业信息公示暂行条例》第十七条；《企业经营异常名录管理暂行办法》（国家工商行政管理总局令第68号）',
  },
  {
    code: 'SERIOUS_VIOLATION',
    name: '严重违法失信名单',
    colour: 'BLACK',
    department: 'MARKET',
    basis: '《市场监督管理严重违法失信名单管理办法》（国家市场监督管理总局令第44号）',
  },
  {
    code: 'MAJOR_TAX_VIOLATION',
    name: '重大税收违法失信主体名单',
    colour: 'BLACK',
    department: 'TAX',
    basis: '《重大税收违法失信主体信息公布管理办法》（国家税务总局令第54号）',
  },
  {
    code: 'DISHONEST_JUDGMENT_DEBTOR',
    name: '失信被执行人名单',
    colour: 'BLACK',
    department: 'COURTS',
    basis: '《最高人民法院关于公布失信被执行人名单信息的若干规定》（法释〔2017〕7号）',
  },
  {
    code: 'CONSUMPTION_RESTRICTION',
    name: '限制消费令（限制高消费）',
    colour: 'BLACK',
    department: 'COURTS',
    basis: '《最高人民法院关于限制被执行人高消费及有关消费的若干规定》（法释〔2015〕17号）',
  },
  {
    code: 'BROKEN_COMMITMENT',
    name: '信用承诺未履行（承诺失信）',
    colour: 'WARNING',
    department: 'PLATFORM',
    basis: `${GRADED_SUPERVISION}：将市场主体的承诺履约情况记入信用记录，作为事中、事后监管的重要依据；《国务院办公厅关于全面推行证明事项和涉企经营许可事项告知承诺制的指导意见》（国办发〔2020〕42号）`,
  },
];

export const MEASURE_CATALOGUE: readonly MeasureEntry[] = [
  // The national list: punishments.
  {
    code: 'NAT-PROCUREMENT-BAN',
    name: '限制参与政府采购活动',
    kind: 'PUNISHMENT',
    effect: 'BAR',
    content: '采购人、采购代理机构查询供应商信用记录，对列入失信被执行人名单、重大税收违法失信主体名单、严重违法失信名单等严重失信主体名单的供应商，拒绝其参与政府采购活动。',
    triggers: SERIOUS_DISHONESTY,
    contexts: ['GOVERNMENT_PROCUREMENT'],
    basis: `《中华人民共和国政府采购法》第二十二条（参加政府采购活动前三年内，在经营活动中没有重大违法记录）；《财政部关于在政府采购活动中查询及使用信用记录有关问题的通知》（财库〔2016〕125号）；${DISHONEST_DEBTOR_MEMO}；${TAX_VIOLATION_MEMO}；${MARKET_VIOLATION_MEMO}；${ENVIRONMENT_MEMO}`,
  },
  {
    code: 'NAT-BIDDING-BAN',
    name: '限制参与招标投标活动',
    kind: 'PUNISHMENT',
    effect: 'BAR',
    content: '招标人、招标代理机构和评标委员会查询投标人信用记录，对严重失信主体的投标活动依法予以限制。',
    triggers: SERIOUS_DISHONESTY,
    contexts: ['BIDDING'],
    basis: `《关于在招标投标活动中对失信被执行人实施联合惩戒的通知》（法〔2016〕285号）；${STATE_COUNCIL_2016_33}：限制参与有关公共资源交易活动`,
  },
  {
    code: 'NAT-STRICT-APPROVAL',
    name: '从严审核行政许可审批项目',
    kind: 'PUNISHMENT',
    effect: 'RESTRICT',
    content: '对严重失信主体，从严审核行政许可审批项目，从严控制生产许可证发放，限制新增项目审批、核准。',
    triggers: [...SERIOUS_DISHONESTY, 'ENVIRONMENTAL_CREDIT_POOR'],
    contexts: ['ADMINISTRATIVE_APPROVAL'],
    basis: `${STATE_COUNCIL_2016_33}：对严重失信主体……从严审核行政许可审批项目；${ENVIRONMENTAL_CREDIT_MEASURES}`,
  },
  {
    code: 'NAT-CAPITAL-MARKET-LIMIT',
    name: '限制发行债券、股票发行上市融资',
    kind: 'PUNISHMENT',
    effect: 'BAR',
    content: '对严重失信主体，限制股票发行上市融资或发行债券，限制在全国股份转让系统挂牌、融资。',
    triggers: SERIOUS_DISHONESTY,
    contexts: ['BOND_ISSUANCE', 'SHARE_LISTING'],
    basis: `${STATE_COUNCIL_2016_33}：限制股票发行上市融资或发行债券；${DISHONEST_DEBTOR_MEMO}；${TAX_VIOLATION_MEMO}`,
  },
  {
    code: 'NAT-NO-HONOURS',
    name: '取消参加评先评优资格',
    kind: 'PUNISHMENT',
    effect: 'BAR',
    content: '撤销严重失信企业及其法定代表人、主要负责人等的荣誉称号，取消参加评先评优资格。',
    triggers: [...SERIOUS_DISHONESTY, 'ENVIRONMENTAL_CREDIT_POOR'],
    contexts: ['HONOURS'],
    basis: `${STATE_COUNCIL_2016_33}：及时撤销严重失信企业……的荣誉称号，取消参加评先评优资格；${DISHONEST_DEBTOR_MEMO}`,
  },
  {
    code: 'NAT-HIGH-CONSUMPTION',
    name: '限制高消费及非生活和工作必需的消费',
    kind: 'PUNISHMENT',
    effect: 'BAR',
    content: '被执行人为单位的，被执行人及其法定代表人、主要负责人、影响债务履行的直接责任人员、实际控制人不得乘坐飞机、列车软卧、G字头动车组列车全部座位，不得在星级以上宾馆、酒店等场所进行高消费，不得购买不动产、非经营必需车辆等。',
    triggers: ['DISHONEST_JUDGMENT_DEBTOR', 'CONSUMPTION_RESTRICTION'],
    contexts: ['HIGH_CONSUMPTION'],
    basis: `《最高人民法院关于限制被执行人高消费及有关消费的若干规定》（法释〔2015〕17号）第三条；《最高人民法院关于公布失信被执行人名单信息的若干规定》（法释〔2017〕7号）；${DISHONEST_DEBTOR_MEMO}`,
  },
  {
    code: 'NAT-FISCAL-FUNDS-LIMIT',
    name: '严格限制申请财政性资金项目',
    kind: 'PUNISHMENT',
    effect: 'BAR',
    content: '对严重失信主体，严格限制申请财政性资金项目，限制参与基础设施和公用事业特许经营。',
    triggers: SERIOUS_DISHONESTY,
    contexts: ['GOVERNMENT_FUNDING'],
    basis: `${STATE_COUNCIL_2016_33}：严格限制申请财政性资金项目`,
  },
  {
    code: 'NAT-ABNORMAL-OPERATIONS-LIMIT',
    name: '政府采购、工程招投标、授予荣誉称号中依法予以限制',
    kind: 'PUNISHMENT',
    effect: 'RESTRICT',
    content: '在政府采购、工程招投标、国有土地出让、授予荣誉称号等工作中，将企业信息作为重要考量因素，对被列入经营异常名录的企业依法予以限制。',
    triggers: ['ABNORMAL_OPERATIONS'],
    contexts: ['GOVERNMENT_PROCUREMENT', 'BIDDING', 'HONOURS'],
    basis: '《企业信息公示暂行条例》第十八条：对被列入经营异常名录或者严重违法企业名单的企业依法予以限制或者禁入',
  },
  {
    code: 'NAT-KEY-SUPERVISION',
    name: '列为重点监管对象，提高抽查比例和频次',
    kind: 'PUNISHMENT',
    effect: 'RESTRICT',
    content: '对严重失信主体和信用风险较高的主体，列为重点监管对象，适当提高抽查比例和频次，依法依规实行严管。',
    triggers: [...SERIOUS_DISHONESTY, 'ENVIRONMENTAL_CREDIT_POOR', 'ENVIRONMENTAL_CREDIT_WARNING', 'ABNORMAL_OPERATIONS'],
    contexts: ['INSPECTION'],
    basis: `${STATE_COUNCIL_2016_33}：对严重失信主体，各地区、各有关部门应将其列为重点监管对象；${GRADED_SUPERVISION}；${ENVIRONMENTAL_CREDIT_MEASURES}`,
  },
  {
    code: 'NAT-CREDIT-RESTRICTION',
    name: '从严审核融资授信',
    kind: 'PUNISHMENT',
    effect: 'RESTRICT',
    content: '金融机构按照风险定价原则，对严重失信主体提高贷款利率和财产保险费率，或者限制向其提供贷款、保荐、承销、保险等服务。',
    triggers: SERIOUS_DISHONESTY,
    contexts: ['CREDIT_LOAN'],
    basis: `${STATE_COUNCIL_2016_33}：推动形成市场性约束和惩戒；${DISHONEST_DEBTOR_MEMO}`,
  },
  // The national list: rewards.
  {
    code: 'NAT-GREEN-CHANNEL',
    name: '行政审批“绿色通道”',
    kind: 'REWARD',
    effect: 'FAVOUR',
    content: '在办理行政许可过程中，对诚信典型和守信主体开辟“绿色通道”，优先办理。',
    triggers: RED_LISTS,
    contexts: ['ADMINISTRATIVE_APPROVAL'],
    basis: `${STATE_COUNCIL_2016_33}：在办理行政许可过程中，对诚信典型和连续三年无不良信用记录的行政相对人，可根据实际情况实施“绿色通道”和“容缺受理”等便利服务措施；${A_GRADE_MEMO}`,
  },
  {
    code: 'NAT-DEFERRED-DOCUMENTS',
    name: '容缺受理',
    kind: 'REWARD',
    effect: 'FAVOUR',
    content: '申请材料基本齐全、主要条件具备的，对守信主体先行受理，次要材料限期补正。',
    triggers: RED_LISTS,
    contexts: ['ADMINISTRATIVE_APPROVAL'],
    basis: `${STATE_COUNCIL_2016_33}：可根据实际情况实施“绿色通道”和“容缺受理”等便利服务措施；${A_GRADE_MEMO}`,
  },
  {
    code: 'NAT-FEWER-INSPECTIONS',
    name: '优化检查频次（减少检查）',
    kind: 'REWARD',
    effect: 'FAVOUR',
    content: '对信用较好、风险较低的守信主体，在日常检查、专项检查中合理降低抽查比例和频次。',
    triggers: RED_LISTS,
    contexts: ['INSPECTION'],
    basis: `${STATE_COUNCIL_2016_33}：对符合一定条件的诚信企业，在日常检查、专项检查中优化检查频次；${GRADED_SUPERVISION}；${ENVIRONMENTAL_CREDIT_MEASURES}`,
  },
  {
    code: 'NAT-CREDIT-LOANS',
    name: '信易贷、银税互动融资便利',
    kind: 'REWARD',
    effect: 'FAVOUR',
    content: '金融机构对守信主体在授信额度、贷款期限和利率等方面给予优惠，纳税信用A级纳税人可凭纳税信用获得信用贷款（银税互动）。',
    triggers: RED_LISTS,
    contexts: ['CREDIT_LOAN'],
    basis: `${STATE_COUNCIL_2016_33}：鼓励有关部门和单位开发“税易贷”“信易贷”“信易债”等守信激励产品；${A_GRADE_MEMO}`,
  },
  // Local supplements (补充清单) from the seeds.
  {
    code: 'LN-SUPPLEMENT-SERIOUS-DISHONESTY',
    name: '辽宁省失信惩戒措施补充清单：省内审批、资金扶持中依法惩戒',
    kind: 'PUNISHMENT',
    effect: 'RESTRICT',
    content: '在执行全国失信惩戒措施基础清单的同时，对严重失信主体在省内行政审批、财政资金扶持和评优评先中依照省补充清单实施惩戒。',
    triggers: SERIOUS_DISHONESTY,
    contexts: ['ADMINISTRATIVE_APPROVAL', 'GOVERNMENT_FUNDING', 'HONOURS'],
    basis: '《辽宁省惩戒严重失信行为规定》；《辽宁省“十四五”社会信用体系建设规划》第五章：执行全国失信惩戒措施基础清单，制定适用于我省的失信惩戒措施补充清单',
    region: '21',
  },
  {
    code: 'DD-PRIORITY-SUPPORT',
    name: '丹东市诚信主体政府优惠政策优先',
    kind: 'REWARD',
    effect: 'FAVOUR',
    content: '对诚信主体，在实施财政性资金项目安排、招商引资配套优惠政策等各类政府优惠政策中，给予优先考虑。',
    triggers: RED_LISTS,
    contexts: ['GOVERNMENT_FUNDING'],
    basis: '《丹东市社会信用体系建设规划纲要（2016—2020年）》（丹信发〔2016〕2号）；《丹东市诚信示范企业优惠政策》',
    region: '2106',
  },
  // A broken commitment (信用承诺未履行) withdraws what a commitment buys.
  {
    code: 'NAT-COMMITMENT-BROKEN',
    name: '不再适用告知承诺、容缺受理',
    kind: 'PUNISHMENT',
    effect: 'RESTRICT',
    content: '申请人曾作出不实承诺或未履行信用承诺的，在信用修复前不再适用告知承诺制和容缺受理，按一般程序办理。',
    triggers: ['BROKEN_COMMITMENT'],
    contexts: ['ADMINISTRATIVE_APPROVAL'],
    basis: `《国务院办公厅关于全面推行证明事项和涉企经营许可事项告知承诺制的指导意见》（国办发〔2020〕42号）：对申请人曾作出虚假承诺或者承诺严重不实的，不再适用告知承诺制；${GRADED_SUPERVISION}`,
  },
];

/** What is wrong with the catalogue, if anything: unknown list types or contexts, repeated codes. */
export function catalogueProblems(listTypeEntries = LIST_TYPE_CATALOGUE, measures = MEASURE_CATALOGUE): string[] {
  const problems: string[] = [];
  const known = new Set<string>(LIST_TYPES);
  const contexts = new Set<string>(ELIGIBILITY_CONTEXTS);
  if (new Set(listTypeEntries.map((l) => l.code)).size !== listTypeEntries.length) problems.push('a list type code repeats');
  for (const code of LIST_TYPES) if (!listTypeEntries.some((l) => l.code === code)) problems.push(`list type ${code} has no catalogue entry`);
  if (new Set(measures.map((m) => m.code)).size !== measures.length) problems.push('a measure code repeats');
  for (const measure of measures) {
    for (const trigger of measure.triggers) if (!known.has(trigger)) problems.push(`${measure.code}: unknown list type ${trigger}`);
    for (const context of measure.contexts) if (!contexts.has(context)) problems.push(`${measure.code}: unknown context ${context}`);
    if (measure.triggers.length === 0 || measure.contexts.length === 0) problems.push(`${measure.code}: needs a trigger and a context`);
    if ((measure.kind === 'REWARD') !== (measure.effect === 'FAVOUR')) problems.push(`${measure.code}: a reward favours, a punishment bars or restricts`);
    if (measure.region !== undefined && !/^\d{2,6}$/.test(measure.region)) problems.push(`${measure.code}: region must be a GB/T 2260 prefix`);
  }
  return problems;
}

/**
 * Writes the list types and the measures above into the platform's database: two statements, whatever
 * the database held before. Runs at every start (SubgraphDefinition.loadReferenceData).
 */
export async function loadMeasureCatalogue(db: MySql2Database<any>): Promise<void> {
  const problems = catalogueProblems();
  if (problems.length > 0) throw new Error(`the joint-measure catalogue is inconsistent: ${problems.join('; ')}`);
  await db
    .insert(listTypes)
    .values(LIST_TYPE_CATALOGUE.map((l) => ({ ...l })))
    .onDuplicateKeyUpdate({
      set: { name: sql`VALUES(name)`, colour: sql`VALUES(colour)`, department: sql`VALUES(department)`, basis: sql`VALUES(basis)` },
    });
  await db
    .insert(jointMeasures)
    .values(
      MEASURE_CATALOGUE.map((m) => ({
        code: m.code,
        name: m.name,
        kind: m.kind,
        effect: m.effect,
        content: m.content,
        triggerListTypes: m.triggers.join(','),
        contexts: m.contexts.join(','),
        basis: m.basis,
        scope: m.region === undefined ? ('NATIONAL' as const) : ('LOCAL' as const),
        region: m.region ?? null,
      })),
    )
    .onDuplicateKeyUpdate({
      set: {
        name: sql`VALUES(name)`,
        kind: sql`VALUES(kind)`,
        effect: sql`VALUES(effect)`,
        content: sql`VALUES(content)`,
        triggerListTypes: sql`VALUES(trigger_list_types)`,
        contexts: sql`VALUES(contexts)`,
        basis: sql`VALUES(basis)`,
        scope: sql`VALUES(scope)`,
        region: sql`VALUES(region)`,
      },
    });
}
