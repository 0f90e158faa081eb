/**
 * Calendar: the working calendar that deadlines in working days are counted on — Monday to
 * Friday, except the holidays of each year's State Council arrangement (放假调休), plus the weekend
 * days worked in exchange, as the programme office enters them.
 */
export type { CalendarTables } from './calendar.tables.js';
export { workingCalendar, WEEKDAYS, isoWeekday, getYear, type WorkingCalendar } from './calendar.service.js';
export { calendarManifest } from './calendar.manifest.js';
