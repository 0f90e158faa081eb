/**
 * Instruments: the city's shared large research instruments (大型科研仪器开放共享). Owners
 * (organisations of kind instrument_owner) list instruments with rates, opening hours, closures
 * and booking rules; anyone searches them (words and pinyin) and sees their busy times (also as
 * an iCalendar feed); people and enterprises book slots, which the database never lets overlap;
 * usage makes the bill, payable with an innovation voucher through `deps.voucherPayments`; the
 * sharing statistics of the national evaluation per instrument, owner and year.
 */
export { instrumentsManifest } from './instruments.manifest.js';
export { busyCalendar, foldLine } from './instruments.ics.js';
export { voucherOrderId, priceOf } from './instruments.service.js';
export { testOrderId } from './instruments.testing.js';
export { instrumentsSearchSource } from './instruments.search-source.js';
