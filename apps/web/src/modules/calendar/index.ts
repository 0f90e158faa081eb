/**
 * The working calendar (工作日历): each year's State Council holiday arrangement (放假调休) that
 * deadlines in working days count on. Anyone reads it; the programme office enters it.
 */
export { calendarManifest } from './calendar.manifest';
