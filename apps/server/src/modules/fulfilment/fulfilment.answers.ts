/** The application form: the questions an item's rules still need, checking answers and materials, the engine's verdict before submitting. */
import type { PayeeAccountBody } from '@seedbed/contract';
import { evaluateItem, itemReads, type Catalog, type CompiledItem, type Verdict } from '@seedbed/rules';
import type {
  ApplicationForm,
  ApplicationFormQuestion,
  ApplicationStage,
  FieldError,
} from '@seedbed/contract';
import { type Principal } from '../../platform/access.js';
import type { Db, Tx } from '../../platform/database.js';
import { withFactBases } from '../../platform/fact-basis.js';
import { AppError, fieldError, forbidden, invalid } from '../../platform/problems.js';
import { getFiles } from '../files/index.js';
import { knownRegions } from '../regions/index.js';
import { checkFactValue, factsForRules, listMine } from '../subjects/index.js';
import * as repo from './fulfilment.repository.js';
import { needsProduct, type PolicyItemView } from './policy-source.js';
import { STATUS_LABELS, TERMINAL, type WorkflowDefinition } from './workflow.js';
import { type FulfilmentDeps, type LoadedItem, loadItem, departmentOf } from './fulfilment.items.js';

// ---------------------------------------------------------------- subjects and answers

export async function ownSubject(db: Db, principal: Principal, subjectId: string) {
  const mine = await listMine(db, principal);
  const subject = mine.find((s) => s.id === subjectId);
  if (!subject)
    throw forbidden(
      '只能为本人、本企业或本机构（含其运营的载体）的档案申请',
      'You can apply only for your own profile or one your organisation holds (its enterprise, or a carrier it runs)',
    );
  return subject;
}

/** A question of the application form (contract: ApplicationFormQuestion). */
export type FormQuestion = ApplicationFormQuestion;

export const COMPUTED = new Set(['size_class']);

export function questionsOf(
  catalog: Catalog,
  compiled: CompiledItem,
  facts: Record<string, unknown>,
): FormQuestion[] {
  return itemReads(compiled.spec).map((name) => {
    const spec = catalog.variables.get(name);
    const value = facts[name] ?? null;
    return {
      variable: name,
      type: spec?.type ?? 'string',
      unit: spec?.unit ?? null,
      label: spec?.label ?? { zh: name, en: name },
      question: spec?.question ?? spec?.label ?? { zh: name, en: name },
      values: spec?.values ? spec.values.map((v) => ({ value: v.value, label: v.label })) : null,
      fromProfile: value !== null || COMPUTED.has(name),
      value,
    };
  });
}

/**
 * Only the item's own, non-profile variables may be answered; each value is checked as a
 * profile's is (checkFactValue), against the variable's definition in the catalogue, for today.
 */
export function validateAnswers(
  catalog: Catalog,
  questions: FormQuestion[],
  answers: Record<string, unknown>,
  ctx: { today: string; regionKnown: (code: string) => boolean },
): FieldError[] {
  const errors: FieldError[] = [];
  const byName = new Map(questions.map((q) => [q.variable, q]));
  for (const [name, value] of Object.entries(answers)) {
    const q = byName.get(name);
    if (!q) {
      errors.push(
        fieldError(
          `answers.${name}`,
          'unknown_field',
          '不是本事项需要填写的内容',
          'is not asked by this item',
        ),
      );
      continue;
    }
    if (q.fromProfile) {
      errors.push(
        fieldError(
          `answers.${name}`,
          'from_profile',
          '该项来自档案，请在档案中修改',
          'comes from the profile: change it there',
        ),
      );
      continue;
    }
    const e = checkFactValue(
      `answers.${name}`,
      catalog.variables.get(name) ?? { type: 'string' },
      value,
      ctx,
    );
    if (e) errors.push(e);
  }
  return errors;
}

export interface Evaluation {
  verdict: Verdict;
  questions: FormQuestion[];
  facts: Record<string, unknown>;
}

export async function evaluateFor(
  deps: FulfilmentDeps,
  db: Db | Tx,
  loaded: LoadedItem,
  subjectId: string,
  answers: Record<string, unknown>,
  productKey: string | null,
): Promise<Evaluation> {
  const profile = await factsForRules(deps, db, subjectId);
  const questions = questionsOf(loaded.catalog, loaded.compiled, profile);
  const regions = Object.entries(answers).filter(
    ([name]) => loaded.catalog.variables.get(name)?.type === 'region',
  );
  const regionKnown = await knownRegions(
    db,
    regions.map(([, v]) => v),
  );
  const errors = validateAnswers(loaded.catalog, questions, answers, {
    today: deps.clock.today(),
    regionKnown,
  });
  if (errors.length) throw invalid(errors);
  // The profile holds more than the rules know (names, identifiers): the engine gets only its variables.
  const facts: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(profile)) if (loaded.catalog.variables.has(k)) facts[k] = v;
  for (const [k, v] of Object.entries(answers)) if (v !== null) facts[k] = v;
  const history = await deps.benefitHistory(db, subjectId);
  const verdict = evaluateItem(loaded.catalog, loaded.compiled.id, {
    date: deps.clock.today(),
    facts,
    history,
    ...(productKey ? { product: productKey } : {}),
  });
  return { verdict, questions, facts };
}

/** Refuses anything but an eligible verdict, with each failing criterion's reason or each missing answer. */
export function requireEligible(verdict: Verdict, criteria: readonly (Verdict['criteria'][number] & { basis?: { zh: string; en: string } })[] = verdict.criteria): void {
  if (verdict.status === 'eligible') return;
  if (verdict.status === 'unknown') {
    throw new AppError(
      422,
      'ELIGIBILITY_UNKNOWN',
      {
        zh: '还缺少判断资格所需的信息，请补充后再提交',
        en: 'Information needed to decide eligibility is missing: complete it and submit again',
      },
      verdict.missing.map((m) =>
        fieldError(`answers.${m}`, 'required', '判断资格需要此项', 'is needed to decide eligibility'),
      ),
    );
  }
  // A failing criterion that read a verified fact cites what the fact rests on (a credit record).
  const failing = criteria.filter((c) => c.status === 'fail');
  const cite = (c: (typeof failing)[number], lang: 'zh' | 'en') => (c.basis ? (lang === 'zh' ? `${c.sentence.zh}（${c.basis.zh}）` : `${c.sentence.en} (${c.basis.en})`) : c.sentence[lang]);
  const reasons = failing.map((c) => ({ zh: cite(c, 'zh'), en: cite(c, 'en') }));
  throw new AppError(
    422,
    'NOT_ELIGIBLE',
    {
      zh: `不符合申请条件：${reasons.map((r) => r.zh).join('；')}`,
      en: `Not eligible: ${reasons.map((r) => r.en).join('; ')}`,
    },
    failing.map((c) => fieldError(`criteria.${c.id}`, 'fail', cite(c, 'zh'), cite(c, 'en'))),
  );
}

// ---------------------------------------------------------------- the application form

/** The application form (contract: ApplicationForm), with the item whole and the engine's verdict. */
export type ApplicationFormView = Omit<ApplicationForm, 'item' | 'verdict'> & {
  item: PolicyItemView;
  verdict: Verdict;
};

export type StageView = ApplicationStage;

export const stageViews = (def: WorkflowDefinition): StageView[] =>
  def.stages.map((s) => ({ key: s.key, label: STATUS_LABELS[s.key], role: s.role, deadline: s.deadline }));

export async function applicationForm(
  deps: FulfilmentDeps,
  principal: Principal,
  itemId: string,
  subjectId: string,
): Promise<ApplicationFormView> {
  const subject = await ownSubject(deps.db, principal, subjectId);
  const loaded = await loadItem(deps, deps.db, itemId);
  const { verdict, questions } = await evaluateFor(deps, deps.db, loaded, subjectId, {}, null);
  const dept = await departmentOf(deps.db, loaded.item);
  const open = (await repo.listForSubjects(deps.db, [subjectId])).find(
    (a) => a.item_id === itemId && !TERMINAL.includes(a.status),
  );
  return {
    item: loaded.item,
    department: dept ? { id: dept.organisation_id, name: dept.name } : null,
    subject: { id: subject.id, name: subject.name, kind: subject.kind },
    questions,
    materials: loaded.item.requiresMaterials,
    productRequired: needsProduct(loaded.compiled),
    verdict: { ...verdict, criteria: await withFactBases(deps.modules.factBases ?? [], deps.db, subjectId, deps.clock.today(), verdict.criteria) },
    stages: stageViews(loaded.workflow),
    openApplicationId: open?.id ?? null,
  };
}

export interface ApplyInput {
  itemId: string;
  subjectId: string;
  answers: Record<string, unknown>;
  productKey?: string | undefined;
  materials: Record<string, string>;
  payeeAccount?: PayeeAccountBody | undefined;
}

/** The verdict for the answers so far, shown before submitting. Changes nothing. */
export async function previewVerdict(
  deps: FulfilmentDeps,
  principal: Principal,
  input: Omit<ApplyInput, 'materials'>,
): Promise<Verdict> {
  await ownSubject(deps.db, principal, input.subjectId);
  const loaded = await loadItem(deps, deps.db, input.itemId);
  return (await evaluateFor(deps, deps.db, loaded, input.subjectId, input.answers, input.productKey ?? null))
    .verdict;
}

export async function checkMaterials(
  db: Db | Tx,
  principal: Principal,
  item: PolicyItemView,
  materials: Record<string, string>,
  existing: Record<string, string> = {},
): Promise<void> {
  const errors: FieldError[] = [];
  const wanted = new Map(item.requiresMaterials.map((m) => [m.id, m]));
  for (const id of Object.keys(materials)) {
    if (!wanted.has(id))
      errors.push(
        fieldError(
          `materials.${id}`,
          'unknown_field',
          '不是本事项要求的材料',
          'is not a material this item requires',
        ),
      );
  }
  const files = new Map((await getFiles(db, Object.values(materials))).map((f) => [f.id, f]));
  for (const [id, m] of wanted) {
    const fileId = materials[id];
    if (!fileId) {
      if (!existing[id])
        errors.push(
          fieldError(`materials.${id}`, 'required', `请上传“${m.label.zh}”`, `upload "${m.label.en}"`),
        );
      continue;
    }
    const file = files.get(fileId);
    if (!file || file.ownerUserId !== principal.userId) {
      errors.push(
        fieldError(
          `materials.${id}`,
          'exists:file',
          '文件不存在或不是您上传的',
          'the file does not exist or was not uploaded by you',
        ),
      );
    }
  }
  if (errors.length) throw invalid(errors);
}
