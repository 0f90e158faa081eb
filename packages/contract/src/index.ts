/**
 * The contract between Seedbed's server and its clients: request and response schemas
 * (TypeBox, i.e. JSON Schema) that drive validation, serialisation and the OpenAPI document,
 * plus the pure validators both sides share (credit codes, ID numbers, dates, instants).
 */
export * from './problem.js';
export * from './common.js';
export * from './identifiers.js';
export * from './identity.js';
export * from './regions.js';
export * from './subjects.js';
export * from './audit.js';
export * from './dashboard.js';
export * from './policies.js';
export * from './finder.js';
export * from './fulfilment.js';
export * from './budgets.js';
export * from './calendar.js';
export * from './exchange.js';
export * from './files.js';
export * from './notifications.js';
export * from './time.js';
export * from './portal.js';
export * from './services.js';
export * from './crowd.js';
export * from './marketplace.js';
export * from './carriers.js';
export * from './vouchers.js';
export * from './instruments.js';
export * from './competitions.js';
export * from './content.js';
export * from './lists.js';
export * from './training.js';
export * from './loans.js';
export * from './mentors.js';
export * from './projects.js';
export * from './opendata.js';
export * from './search.js';
export * from './directory.js';
export * from './finance.js';
export * from './ipo.js';
export * from './credit.js';
export * from './targets.js';
export * from './briefings.js';
export * from './targets-supervision.js';
export * from './investors.js';
export * from './interconnect.js';
export * from './feeds.js';
