const TIME_ZONE = 'Asia/Ho_Chi_Minh';

const numberFormat = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 });
const dateParts = new Intl.DateTimeFormat('en-GB', {
	timeZone: TIME_ZONE,
	day: '2-digit',
	month: '2-digit',
	year: 'numeric',
	hour: '2-digit',
	minute: '2-digit',
	hourCycle: 'h23'
});

/** 1234.5 → "1.234,5" */
export function formatNumber(value: number): string {
	return numberFormat.format(value);
}

/** 1_258_291 → "1,2 MB", 52_000 → "51 KB": file sizes as people read them. */
export function formatBytes(bytes: number): string {
	if (bytes >= 1024 * 1024) return `${numberFormat.format(Math.round((bytes / 1024 / 1024) * 10) / 10)} MB`;
	return `${numberFormat.format(Math.max(1, Math.round(bytes / 1024)))} KB`;
}

function parts(ms: number): Record<string, string> {
	return Object.fromEntries(dateParts.formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
}

/** Epoch ms or "YYYY-MM-DD" → "dd/mm/yyyy" in Vietnam's time zone. */
export function formatDate(value: number | string): string {
	if (typeof value === 'string') {
		const [y, m, d] = value.split('-');
		return `${d}/${m}/${y}`;
	}
	const p = parts(value);
	return `${p.day}/${p.month}/${p.year}`;
}

/** Epoch ms → "dd/mm/yyyy HH:mm" in Vietnam's time zone. */
export function formatDateTime(ms: number): string {
	const p = parts(ms);
	return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`;
}

/** Epoch ms → the hour (0-23) in Vietnam's time zone. */
export function hourOfDay(ms: number): number {
	return Number(parts(ms).hour);
}

/** Epoch ms → "HH:mm" in Vietnam's time zone. */
export function formatTime(ms: number): string {
	const p = parts(ms);
	return `${p.hour}:${p.minute}`;
}

/** Epoch ms → "YYYY-MM-DD" (the calendar day in Vietnam). */
export function isoDay(ms: number): string {
	const p = parts(ms);
	return `${p.year}-${p.month}-${p.day}`;
}

/** "Cốc Cốc · Android" from a User-Agent: enough to recognise one's own devices in the sessions list. */
export function deviceLabel(userAgent: string): string {
	const ua = userAgent;
	const os = /Android/.test(ua)
		? 'Android'
		: /iPhone|iPad/.test(ua)
			? 'iPhone/iPad'
			: /Windows/.test(ua)
				? 'Windows'
				: /Mac OS X/.test(ua)
					? 'macOS'
					: /Linux/.test(ua)
						? 'Linux'
						: null;
	// Order matters: Cốc Cốc, Zalo's in-app browser and Edge all also say "Chrome".
	const browser = /coc_coc|CocCoc/i.test(ua)
		? 'Cốc Cốc'
		: /Zalo/i.test(ua)
			? 'Zalo'
			: /Edg\//.test(ua)
				? 'Edge'
				: /Firefox\//.test(ua)
					? 'Firefox'
					: /Chrome\/|Chromium\//.test(ua)
						? 'Chrome'
						: /Safari\//.test(ua)
							? 'Safari'
							: null;
	return [browser, os].filter(Boolean).join(' · ') || '—';
}
