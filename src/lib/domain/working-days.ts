/** Working days as the Algemene termijnenwet counts them: no Saturdays, Sundays or generally recognised holidays. */

/** A date as `YYYY-MM-DD`, read and written in UTC so that no time zone moves it. */
type IsoDate = string;

const DAY_MS = 24 * 60 * 60 * 1000;

function toUtc(date: IsoDate): number {
	const [y, m, d] = date.slice(0, 10).split('-').map(Number);
	return Date.UTC(y, m - 1, d);
}

function toIso(ms: number): IsoDate {
	return new Date(ms).toISOString().slice(0, 10);
}

function iso(year: number, month: number, day: number): IsoDate {
	return toIso(Date.UTC(year, month - 1, day));
}

/** Easter Sunday of a Gregorian year (the anonymous Gregorian algorithm, Meeus/Jones/Butcher). */
export function easterSunday(year: number): IsoDate {
	const a = year % 19;
	const b = Math.floor(year / 100);
	const c = year % 100;
	const d = Math.floor(b / 4);
	const e = b % 4;
	const f = Math.floor((b + 8) / 25);
	const g = Math.floor((b - f + 1) / 3);
	const h = (19 * a + b - d - g + 15) % 30;
	const i = Math.floor(c / 4);
	const k = c % 4;
	const l = (32 + 2 * e + 2 * i - h - k) % 7;
	const m = Math.floor((a + 11 * h + 22 * l) / 451);
	const month = Math.floor((h + l - 7 * m + 114) / 31);
	const day = ((h + l - 7 * m + 114) % 31) + 1;
	return iso(year, month, day);
}

/**
 * The generally recognised holidays of a year (Algemene termijnenwet, art. 3): Nieuwjaarsdag, Tweede
 * Paasdag, Koningsdag (26 April when the 27th is a Sunday), 5 mei (counted every year, as the case
 * export's spec lists it), Hemelvaartsdag, Tweede Pinksterdag, Eerste en Tweede Kerstdag. Sorted.
 */
export function holidays(year: number): IsoDate[] {
	const easter = toUtc(easterSunday(year));
	const koningsdag = new Date(Date.UTC(year, 3, 27)).getUTCDay() === 0 ? 26 : 27;
	return [
		iso(year, 1, 1),
		toIso(easter + DAY_MS),
		iso(year, 4, koningsdag),
		iso(year, 5, 5),
		toIso(easter + 39 * DAY_MS),
		toIso(easter + 50 * DAY_MS),
		iso(year, 12, 25),
		iso(year, 12, 26)
	].sort();
}

/** The holidays of every year from `first` to `last`, sorted: the list the SQL calendar is given. */
export function holidaysBetween(first: number, last: number): IsoDate[] {
	const all: IsoDate[] = [];
	for (let year = first; year <= last; year++) all.push(...holidays(year));
	return all;
}

const holidaySets = new Map<number, Set<IsoDate>>();

function isHoliday(date: IsoDate): boolean {
	const year = Number(date.slice(0, 4));
	let set = holidaySets.get(year);
	if (!set) holidaySets.set(year, (set = new Set(holidays(year))));
	return set.has(date);
}

/** Whether a date is a working day: Monday to Friday and no holiday. */
export function isWorkingDay(date: IsoDate): boolean {
	const weekday = new Date(toUtc(date)).getUTCDay();
	return weekday !== 0 && weekday !== 6 && !isHoliday(date.slice(0, 10));
}

/**
 * The working days d with asked < d <= answered: Monday to Wednesday is 2, the same day 0, Friday to
 * Monday 1. An answer before its question gives 0 (the import refuses one).
 */
export function workingDaysBetween(asked: IsoDate, answered: IsoDate): number {
	const end = toUtc(answered);
	let days = 0;
	for (let t = toUtc(asked) + DAY_MS; t <= end; t += DAY_MS) if (isWorkingDay(toIso(t))) days++;
	return days;
}
