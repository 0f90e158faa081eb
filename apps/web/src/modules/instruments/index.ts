/**
 * 仪器共享: the shared large instruments — public search and instrument pages with a week
 * calendar (FullCalendar) to book from; my bookings and bills; an owner's workbench.
 */
export { instrumentsManifest } from './instruments.manifest';
