/**
 * The JSON Schema of rule files (draft-07, validated with ajv). Structure only: the type checker
 * in `type-checker.ts` does what a schema cannot (operand types, known names, arities).
 */
import { BENEFITS, CAP_KINDS, ENTITIES, PERIODS, VALUE_FORMATS, VARIABLE_DIRECTIONS, VARIABLE_TYPES } from './types.js';
import { RULE_FILE_OPERATORS } from './operators.js';

const text = {
  type: 'object',
  required: ['zh', 'en'],
  additionalProperties: false,
  properties: { zh: { type: 'string', minLength: 1 }, en: { type: 'string', minLength: 1 } },
};
const date = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' };
const snake = '^[a-z][a-z0-9_]*$';
const itemId = '^[a-z0-9][a-z0-9_.-]*$';

export const ruleFileSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://seedbed.example/schemas/rule-file.json',
  title: 'Seedbed rule file',
  type: 'object',
  additionalProperties: false,
  properties: {
    variables: {
      type: 'object',
      propertyNames: { pattern: snake },
      additionalProperties: { $ref: '#/definitions/variable' },
    },
    parameters: {
      type: 'object',
      propertyNames: { pattern: snake },
      additionalProperties: { $ref: '#/definitions/parameter' },
    },
    items: { type: 'array', items: { $ref: '#/definitions/item' } },
    cases: { type: 'array', items: { $ref: '#/definitions/case' } },
  },
  definitions: {
    text,
    expr: {
      anyOf: [
        { type: ['string', 'number', 'boolean', 'null'] },
        { type: 'array', items: { $ref: '#/definitions/expr' } },
        {
          type: 'object',
          minProperties: 1,
          maxProperties: 1,
          propertyNames: { enum: [...RULE_FILE_OPERATORS] },
          additionalProperties: { $ref: '#/definitions/expr' },
        },
      ],
    },
    variable: {
      type: 'object',
      required: ['entity', 'type', 'period', 'label'],
      additionalProperties: false,
      properties: {
        entity: {
          anyOf: [{ enum: [...ENTITIES] }, { type: 'array', minItems: 1, items: { enum: [...ENTITIES] } }],
        },
        type: { enum: [...VARIABLE_TYPES] },
        unit: { type: ['string', 'null'] },
        period: { enum: [...PERIODS] },
        label: text,
        question: text,
        values: {
          type: 'array',
          minItems: 1,
          items: {
            type: 'object',
            required: ['value', 'label'],
            additionalProperties: false,
            properties: { value: { type: 'string' }, label: text },
          },
        },
        min: { type: 'number' },
        max: { type: 'number' },
        format: { enum: [...VALUE_FORMATS] },
        max_future_days: { type: 'integer', minimum: 0 },
        profile: { type: 'boolean' },
        personal: { type: 'boolean' },
        direction: { enum: [...VARIABLE_DIRECTIONS] },
      },
    },
    parameter: {
      type: 'object',
      required: ['label', 'values'],
      additionalProperties: false,
      properties: {
        unit: { type: ['string', 'null'] },
        label: text,
        values: {
          type: 'array',
          minItems: 1,
          items: {
            type: 'object',
            required: ['from', 'value', 'reference'],
            additionalProperties: false,
            properties: {
              from: date,
              value: { type: ['number', 'string', 'boolean'] },
              reference: {
                type: 'object',
                required: ['source'],
                additionalProperties: false,
                properties: { source: { type: 'string' }, clause: { type: 'string' }, note: { type: 'string' } },
              },
            },
          },
        },
      },
    },
    item: {
      type: 'object',
      required: ['id', 'title', 'entity', 'benefit', 'mode', 'effective', 'criteria'],
      additionalProperties: false,
      properties: {
        id: { type: 'string', pattern: itemId },
        title: text,
        entity: { enum: [...ENTITIES] },
        benefit: { enum: [...BENEFITS] },
        mode: { enum: ['apply', 'automatic'] },
        region: { type: 'string', pattern: '^\\d{2,12}$' },
        effective: {
          type: 'object',
          required: ['from'],
          additionalProperties: false,
          properties: { from: date, to: { anyOf: [date, { type: 'null' }] } },
        },
        criteria: {
          type: 'array',
          items: {
            type: 'object',
            required: ['id', 'label', 'rule'],
            additionalProperties: false,
            properties: { id: { type: 'string', pattern: snake }, label: text, rule: { $ref: '#/definitions/expr' } },
          },
        },
        amount: {
          type: 'object',
          additionalProperties: false,
          properties: { formula: { $ref: '#/definitions/expr' }, note: text, up_to: { type: 'boolean' } },
        },
        caps: {
          type: 'array',
          items: {
            type: 'object',
            required: ['per', 'amount'],
            additionalProperties: false,
            properties: { per: { enum: [...CAP_KINDS] }, amount: { $ref: '#/definitions/expr' } },
          },
        },
        once_per: { enum: ['subject', 'product'] },
        excludes: { type: 'array', items: { type: 'string', pattern: itemId } },
        requires_materials: {
          type: 'array',
          items: {
            type: 'object',
            required: ['id', 'label'],
            additionalProperties: false,
            properties: { id: { type: 'string' }, label: text },
          },
        },
        source: {
          type: 'object',
          required: ['file'],
          additionalProperties: false,
          properties: { file: { type: 'string' }, clause: { type: 'string' } },
        },
      },
    },
    history: {
      type: 'object',
      required: ['item', 'date', 'amount'],
      additionalProperties: false,
      properties: { item: { type: 'string' }, date, amount: { type: 'integer' }, product: { type: 'string' } },
    },
    case: {
      type: 'object',
      required: ['name', 'item', 'date', 'expect'],
      additionalProperties: false,
      properties: {
        name: { type: 'string' },
        item: { type: 'string' },
        date,
        facts: { type: 'object' },
        history: { type: 'array', items: { $ref: '#/definitions/history' } },
        product: { type: 'string' },
        expect: {
          type: 'object',
          required: ['status'],
          additionalProperties: false,
          properties: {
            status: { enum: ['eligible', 'ineligible', 'unknown', 'near_miss'] },
            amount: { type: ['integer', 'null'] },
            missing: { type: 'array', items: { type: 'string' } },
          },
        },
      },
    },
  },
} as const;
