import type { CampaignFile } from './format';
import { readCampaignFile, type FileCheck, type FileProblem } from './validate';

/**
 * The editors of /quan-tri change a campaign the way a file would: the stored campaign as a file, one part
 * changed, then the file's own checks. Only the problems the edit brings count, so a campaign that already
 * breaks a rule added later (an old year period across two years, an owner outside its levels) can still have
 * its other parts edited.
 */
export function checkEdit(before: CampaignFile, after: CampaignFile): FileCheck {
	const read = readCampaignFile(after);
	if (read.ok) return read;
	const was = readCampaignFile(before);
	const old = new Set(was.ok ? [] : was.errors.map(keyOf));
	const brought = read.errors.filter((p) => !old.has(keyOf(p)));
	// Nothing new: the campaign broke those rules before the edit (it came from the database in the file's shape).
	return brought.length ? { ok: false, errors: brought } : { ok: true, file: after };
}

const keyOf = (p: FileProblem) => `${p.path}\u0000${p.message}`;

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * A file's problems as a form's field errors: `periods[3].endsOn` is the field `endsOn` of the period at
 * `periods[3]`; the part itself, or anything elsewhere in the campaign, is the form's own error (`_`, with
 * its path when it is elsewhere).
 */
export function fieldErrors(problems: readonly FileProblem[], at: string): Record<string, string> {
	const errors: Record<string, string> = {};
	for (const p of problems) {
		let field = '_';
		let message = capital(p.message);
		if (p.path.startsWith(`${at}.`)) field = p.path.slice(at.length + 1).split(/[.[]/)[0]!;
		else if (p.path !== at) message = p.path ? `${p.path}: ${p.message}` : message;
		errors[field] ??= message.endsWith('.') ? message : `${message}.`;
	}
	return errors;
}
