/**
 * @seedbed/rules — the rules engine: policies as code, three-valued, explained. Pure: no
 * database, no network, no clock (the evaluation date is an input). See FORMAT.md.
 */
export { parseRuleFile } from './parser.js';
export { ruleFileSchema } from './schema.js';
export { compileCatalog } from './catalog.js';
export type { Catalog, CompiledItem, CompiledCriterion, CompiledParameter, CompileOptions } from './catalog.js';
export { evaluateItem, itemEvaluator, evaluateAll, verdictsOf, inEffectOn, conflictsAmong, exclusionPartners } from './evaluate.js';
export { describeCriteria } from './describe.js';
export type { CriterionDescription } from './describe.js';
export { inRegionSubtree, regionAncestors, regionPrefix } from './regions.js';
export { itemReads, variablesIn } from './reads.js';
export type { ReadableItem } from './reads.js';
export { checkValue, isRealDate, VALUE_LIMITS } from './values.js';
export type { ValueContext, ValueProblem, ValueSpec } from './values.js';
export type { ItemFilter } from './evaluate.js';
export { awaitsAnswers, questionOf, questionsFor, questionsFromVerdicts } from './questions.js';
export type { Question } from './questions.js';
export { compilePopulation } from './compiler.js';
export type { PopulationEvaluator, PopulationRun, PopulationResult, ItemPopulationResult, PopulationOptions, GroupTally } from './compiler.js';
export { MISSING_BOOL, populationFromInputs, emptyColumn, rowFacts, toDictionaryColumn, isDictionaryColumn } from './population.js';
export type { Population, Column, DictionaryColumn } from './population.js';
export { runCases } from './cases.js';
export type { CaseResult } from './cases.js';
export { RuleError, LogicError } from './errors.js';
export type { RuleProblem } from './errors.js';
export { evaluateLogic } from './logic-interpreter.js';
export { parameterValue } from './interpreter.js';
export { compileLogic, toLogicColumns } from './logic-compiler.js';
// The conformance runner (src/conformance.ts, `npm run conformance`) reads the suites from disk,
// so it is deliberately not exported here: the engine itself does no I/O and runs in a browser.
export { parseDate, formatDate } from './calendar.js';
// Money and quantities as the explanations write them (6 万元 / ¥60,000, 30%, 3 人), for other renderings of a rule.
export { formatMoney, formatQuantity } from './explain.js';
export { RULE_FILE_OPERATORS, LOGIC_OPERATORS, SEEDBED_OPERATORS } from './operators.js';
export type * from './types.js';
