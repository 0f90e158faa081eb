/** The shape of `documents/<key>/document.yaml` (catalog/README.md is the prose version). */
import { any, arr, bool, date, dateOrNull, map, num, numOrNull, obj, oneOf, str, strOrNull, text, type Shape } from './shape.js';
import { COMPARISONS, DOCUMENT_STATUSES, MEASURE_KINDS, UNITS_BASES } from './types.js';

const id = str(/^[a-z][a-z0-9]*(\.[a-z0-9][a-z0-9_-]*)+$/);
const texts = arr(text);
const unitList = arr(str(/\S/));
const region = str(/^\d{6}$/);

const source = (quoteRequired: boolean): Shape =>
  obj({ file: str(/\.txt$/), clause: str(/\S/), quote: str(/\S/) }, quoteRequired ? ['file'] : ['file', 'quote']);

export const measureShape = obj(
  {
    id,
    clause: str(/\S/),
    title: text,
    units_text: str(),
    lead_unit: strOrNull,
    co_lead_units: unitList,
    supporting_units: unitList,
    units_basis: oneOf(UNITS_BASES),
    units_note: text,
    kind: oneOf(MEASURE_KINDS),
    items: arr(id),
    targets: arr(id),
    tasks: arr(id),
    context_note: text,
  },
  ['units_text', 'co_lead_units', 'units_basis', 'units_note', 'context_note'],
);

export const targetShape = obj(
  {
    id,
    measure: id,
    title: text,
    indicator: text,
    comparison: oneOf(COMPARISONS),
    value: num,
    value_max: numOrNull,
    approximate: bool,
    unit: str(/\S/),
    baseline: { kind: 'any' },
    period: obj({ from: dateOrNull, to: dateOrNull }),
    recurring: oneOf(['year'], true),
    responsible_units: unitList,
    units_basis: oneOf(UNITS_BASES),
    units_note: text,
    source: source(true),
    reading: texts,
    reconstructed: arr(str()),
  },
  ['value_max', 'approximate', 'baseline', 'recurring', 'units_basis', 'units_note', 'reconstructed'],
);

export const taskShape = obj(
  {
    id,
    measure: id,
    title: text,
    lead_unit: strOrNull,
    supporting_units: unitList,
    deadline: dateOrNull,
    source: source(false),
    reading: texts,
    reconstructed: arr(str()),
  },
  ['deadline', 'reading', 'reconstructed'],
);

export const itemMetaShape = obj(
  {
    measure: id,
    source: source(true),
    lead_unit: strOrNull,
    supporting_units: unitList,
    defers_to_higher_rule: obj({ rule: text, variables: arr(str(/^[a-z][a-z0-9_]*$/)) }, [], true),
    reading: texts,
    reconstructed: arr(str()),
  },
  [],
);

export const documentFileShape = obj(
  {
    key: str(/^[a-z][a-z0-9-]*$/),
    prefix: str(/^[a-z][a-z0-9]*$/),
    source: str(/\.txt$/),
    document: obj(
      {
        title: text,
        issuer: text,
        region,
        number: strOrNull,
        date: dateOrNull,
        status: oneOf(DOCUMENT_STATUSES),
        status_note: text,
        reconstructions: arr(obj({ text: str(/\S/), reading: str(/\S/), why: str(/\S/) })),
      },
      [],
    ),
    measures: arr(measureShape),
    targets: arr(targetShape),
    tasks: arr(taskShape),
    item_meta: map(itemMetaShape),
    requests: arr(any),
  },
  ['requests'],
);

export { date };
