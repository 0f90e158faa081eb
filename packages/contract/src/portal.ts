/** The public portal's figures (the home page): computed from the modules' statistics, never typed in. */
import { Type, type Static } from '@sinclair/typebox';

export const PublicFigures = Type.Object({
  asOf: Type.String({ format: 'date', description: 'today (Asia/Shanghai): the figures are for this year up to this day' }),
  year: Type.Integer(),
  itemsInForce: Type.Integer({ description: 'published policy items in force today (policies.items_in_force)' }),
  applicationsDecided: Type.Integer({ description: 'applications and pending awards approved or not supported this year (fulfilment.applications_decided)' }),
  paidFen: Type.Integer({ description: 'money paid out from budgets this year, in fen (budgets.paid_fen)' }),
});
export type PublicFigures = Static<typeof PublicFigures>;
