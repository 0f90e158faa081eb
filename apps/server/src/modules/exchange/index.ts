/**
 * Exchange (互联互通, 000 §13): a city's and its districts' platforms work as one system without
 * one central database. An enterprise consents to a named platform reading its verified profile
 * (revocable, every read shown to it); a district imports that profile into its own; districts
 * report their indicators per period to the city, whose statistics sum them.
 */
export type { ExchangeTables } from './exchange.tables.js';
export { INDICATORS, periodDeadline, periodRange, statisticName, type IndicatorDefinition } from './exchange.indicators.js';
export { indicatorTotal } from './exchange.reports.js';
export { exchangeManifest } from './exchange.manifest.js';
