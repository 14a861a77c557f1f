/**
 * DigiCert's Mountain Time (America/Denver, daylight saving included), in which its
 * `filters[status_last_updated]` reads dates, converted with the runtime's own time-zone data
 * (Intl): no dependency.
 */
const MOUNTAIN = new Intl.DateTimeFormat('en-US', {
	timeZone: 'America/Denver',
	year: 'numeric',
	month: '2-digit',
	day: '2-digit',
	hour: '2-digit',
	minute: '2-digit',
	second: '2-digit',
	hourCycle: 'h23',
});

/** The instant `ms` on a Mountain Time clock, to the second: `YYYY-MM-DD HH:mm:ss` (DigiCert's `yyyy-MM-dd+HH:mm:ss`, the `+` being a URL's space). */
export function mountainTime(ms: number): string {
	const part: Record<string, string> = {};
	for (const { type, value } of MOUNTAIN.formatToParts(new Date(ms))) part[type] = value;
	return `${part.year}-${part.month}-${part.day} ${part.hour}:${part.minute}:${part.second}`;
}
