import type { z } from 'zod';
import { campaignFileSchema, type CampaignFile } from './format';
import { MAX_POINTS_PER_INITIATIVE } from '../scoring/rules';
import { badgeSubject } from '../scoring/badges';
import { t } from '../../i18n';
import { formatNumber } from '../../format';
import { contributorKinds } from '../contributors';

/** One problem in a file: where (`periods[2].endsOn`) and what, in Vietnamese. */
export interface FileProblem {
	path: string;
	message: string;
}

export type FileCheck = { ok: true; file: CampaignFile } | { ok: false; errors: FileProblem[] };

/** `['periods', 2, 'endsOn']` → `periods[2].endsOn`. */
export function pathOf(path: ReadonlyArray<PropertyKey>): string {
	let out = '';
	for (const part of path) out += typeof part === 'number' ? `[${part}]` : `${out ? '.' : ''}${String(part)}`;
	return out;
}

/** Zod's generic messages, in Vietnamese; schema-level messages (ours, the rule engine's) win over these. */
function vietnamese(issue: z.core.$ZodRawIssue): string {
	switch (issue.code) {
		case 'invalid_type':
			return issue.input === undefined ? t('campaignFile.required') : t('campaignFile.invalidType', { expected: String(issue.expected) });
		case 'too_small':
			return t('campaignFile.tooSmall', { min: String(issue.minimum) });
		case 'too_big':
			return t('campaignFile.tooBig', { max: String(issue.maximum) });
		case 'invalid_format':
			return t('campaignFile.badFormat');
		case 'invalid_value':
			return t('campaignFile.badValue');
		case 'unrecognized_keys':
			return t('campaignFile.unknownKeys', { keys: issue.keys.join(', ') });
		default:
			return t('campaignFile.invalid');
	}
}

/** Reads the text of a file: JSON first, then the schema, then the checks across fields. */
export function readCampaignFile(textOrValue: string | unknown): FileCheck {
	let value: unknown = textOrValue;
	if (typeof textOrValue === 'string') {
		try {
			value = JSON.parse(textOrValue);
		} catch (e) {
			return { ok: false, errors: [{ path: '', message: t('campaignFile.notJson', { detail: (e as Error).message }) }] };
		}
	}
	const parsed = campaignFileSchema.safeParse(value, { error: vietnamese });
	if (!parsed.success) return { ok: false, errors: parsed.error.issues.map((i) => ({ path: pathOf(i.path), message: i.message })) };
	const errors = semanticProblems(parsed.data);
	return errors.length ? { ok: false, errors } : { ok: true, file: parsed.data };
}

function duplicates<T>(items: readonly T[], key: (item: T) => string, at: (i: number) => string, errors: FileProblem[]): void {
	const seen = new Set<string>();
	items.forEach((item, i) => {
		const k = key(item);
		if (seen.has(k)) errors.push({ path: at(i), message: t('campaignFile.duplicate', { code: k }) });
		seen.add(k);
	});
}

/** What the schema alone cannot see: links between parts, dates against each other, totals. */
export function semanticProblems(file: CampaignFile): FileProblem[] {
	const errors: FileProblem[] = [];
	const push = (path: string, message: string) => errors.push({ path, message });

	if (file.endsOn < file.startsOn) push('endsOn', t('campaignFile.endsBeforeStart'));

	duplicates(
		file.participantKinds,
		(k) => k.code,
		(i) => `participantKinds[${i}].code`,
		errors
	);
	duplicates(
		file.levels,
		(l) => l.code,
		(i) => `levels[${i}].code`,
		errors
	);
	const levels = new Set(file.levels.map((l) => l.code));
	if (!levels.has(file.owner.level)) push('owner.level', t('campaignFile.unknownLevel', { code: file.owner.level }));
	if (file.teams) {
		duplicates(
			file.teams.kinds,
			(k) => k.code,
			(i) => `teams.kinds[${i}].code`,
			errors
		);
		if (file.teams.enrolFromLevel !== undefined && !levels.has(file.teams.enrolFromLevel))
			push('teams.enrolFromLevel', t('campaignFile.unknownLevel', { code: file.teams.enrolFromLevel }));
	}

	duplicates(
		file.periods,
		(p) => p.code,
		(i) => `periods[${i}].code`,
		errors
	);
	file.periods.forEach((p, i) => {
		if (p.endsOn < p.startsOn) push(`periods[${i}].endsOn`, t('campaignFile.endsBeforeStart'));
		else if (p.startsOn < file.startsOn || p.endsOn > file.endsOn)
			push(`periods[${i}]`, t('campaignFile.outsideCampaign', { code: p.code, starts: file.startsOn, ends: file.endsOn }));
		// Caps and "this year" boards count calendar years: a year period that spans two would count one twice.
		else if (p.kind === 'year' && p.startsOn.slice(0, 4) !== p.endsOn.slice(0, 4))
			push(`periods[${i}].endsOn`, t('campaignFile.yearSpansTwo', { code: p.code }));
		for (let j = 0; j < i; j++) {
			const o = file.periods[j]!;
			// Years follow years and phases follow phases; drives ("campaign") may overlap each other.
			if (o.kind === p.kind && p.kind !== 'campaign' && o.startsOn <= p.endsOn && p.startsOn <= o.endsOn) {
				push(`periods[${i}]`, t('campaignFile.overlap', { code: p.code, other: o.code }));
				break;
			}
		}
	});

	const areaCodes = file.contentAreas.flatMap((a, i) => [
		{ code: a.code, path: `contentAreas[${i}].code` },
		...a.subAreas.map((s, j) => ({ code: s.code, path: `contentAreas[${i}].subAreas[${j}].code` }))
	]);
	duplicates(
		areaCodes,
		(a) => a.code,
		(i) => areaCodes[i]!.path,
		errors
	);
	const areas = new Set(areaCodes.map((a) => a.code));

	duplicates(
		file.activityTypes,
		(a) => a.code,
		(i) => `activityTypes[${i}].code`,
		errors
	);
	const measuresOf = new Map<string, Map<string, number>>();
	file.activityTypes.forEach((type, i) => {
		const at = `activityTypes[${i}]`;
		if (!areas.has(type.area)) push(`${at}.area`, t('campaignFile.unknownArea', { code: type.area }));
		duplicates(
			type.measures,
			(m) => m.code,
			(j) => `${at}.measures[${j}].code`,
			errors
		);
		type.measures.forEach((m, j) => {
			if (m.min > m.max) push(`${at}.measures[${j}].min`, t('campaignFile.minAboveMax'));
			if (m.kind === 'integer' && (!Number.isInteger(m.min) || !Number.isInteger(m.max)))
				push(`${at}.measures[${j}]`, t('campaignFile.integerBounds'));
		});
		const codes = new Set(type.measures.map((m) => m.code));
		type.measureRules.forEach((r, j) => {
			for (const side of ['left', 'right'] as const)
				if (!codes.has(r[side])) push(`${at}.measureRules[${j}].${side}`, t('campaignFile.unknownMeasure', { code: r[side] }));
			if (r.left === r.right) push(`${at}.measureRules[${j}]`, t('campaignFile.sameMeasure'));
		});
		measuresOf.set(type.code, new Map(type.measures.map((m) => [m.code, m.max])));
	});

	duplicates(
		file.scoring.rules,
		(r) => r.code,
		(i) => `scoring.rules[${i}].code`,
		errors
	);
	file.scoring.rules.forEach((rule, i) => {
		const at = `scoring.rules[${i}]`;
		const measures = measuresOf.get(rule.activityType);
		if (!measures) return push(`${at}.activityType`, t('campaignFile.unknownActivity', { code: rule.activityType }));
		let most = rule.basePoints;
		rule.perMeasure.forEach((m, j) => {
			const max = measures.get(m.measure);
			if (max === undefined) push(`${at}.perMeasure[${j}].measure`, t('campaignFile.unknownMeasure', { code: m.measure }));
			else most += Math.floor(max / m.every) * m.points;
		});
		if (most > MAX_POINTS_PER_INITIATIVE)
			push(at, t('campaignFile.tooManyPoints', { points: formatNumber(most), limit: formatNumber(MAX_POINTS_PER_INITIATIVE) }));
		if (rule.basePoints === 0 && rule.perMeasure.length === 0) push(at, t('campaignFile.noPoints'));
		if (rule.credits.includes('contributors') && contributorKinds(file.participantKinds, levels).length === 0)
			push(`${at}.credits`, t('campaignFile.noContributorKinds'));
	});

	duplicates(
		file.badges,
		(b) => b.code,
		(i) => `badges[${i}].code`,
		errors
	);
	const anyMeasure = new Set(file.activityTypes.flatMap((a) => a.measures.map((m) => m.code)));
	file.badges.forEach((b, i) => {
		const subject = badgeSubject(b.spec);
		if (subject !== 'member' && subject !== 'team' && !levels.has(subject))
			push(`badges[${i}].spec.subject`, t('campaignFile.unknownLevel', { code: subject }));
		if (b.spec.kind === 'measure' && !anyMeasure.has(b.spec.measure))
			push(`badges[${i}].spec.measure`, t('campaignFile.unknownMeasureAnywhere', { code: b.spec.measure }));
	});
	return errors;
}

/** What importing a file creates, for the preview: counts and names. */
export interface CampaignPlan {
	slug: string;
	name: string;
	owner: string;
	levels: string[];
	periods: string[];
	areas: string[];
	activityTypes: string[];
	measures: number;
	crossRules: number;
	rules: number;
	badges: string[];
}

export function campaignPlan(file: CampaignFile): CampaignPlan {
	return {
		slug: file.slug,
		name: file.name,
		owner: file.owner.name,
		levels: file.levels.map((l) => `${l.label} (${l.code})`),
		periods: file.periods.map((p) => `${p.name} (${p.code})`),
		areas: file.contentAreas.flatMap((a) => [`${a.code}. ${a.name}`, ...a.subAreas.map((s) => `${s.code}. ${s.name}`)]),
		activityTypes: file.activityTypes.map((a) => a.name),
		measures: file.activityTypes.reduce((n, a) => n + a.measures.length, 0),
		crossRules: file.activityTypes.reduce((n, a) => n + a.measureRules.length, 0),
		rules: file.scoring.rules.length,
		badges: file.badges.map((b) => b.name)
	};
}

/** The one-line Vietnamese summary the command and the page print. */
export function planSummary(plan: CampaignPlan): string {
	return t('campaignFile.summary', {
		name: plan.name,
		slug: plan.slug,
		levels: plan.levels.length,
		periods: plan.periods.length,
		areas: plan.areas.length,
		types: plan.activityTypes.length,
		measures: plan.measures,
		crossRules: plan.crossRules,
		rules: plan.rules,
		badges: plan.badges.length
	});
}
