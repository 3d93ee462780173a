import { ROLES, type Role } from '../permissions';
import { t } from '../../i18n';
import { toSearchText } from '../../text';
import { normaliseEmail, normalisePhone } from './contact';
import { publicDisplayName } from './names';
import {
	PEOPLE_COLUMNS,
	RowReader,
	mapColumns,
	rowIsBlank,
	shown,
	type ImportError,
	type PeopleKey,
	type RawTable
} from '../imports/table';
import { allows, normaliseCode, type ImportAuthority, type UnitRef } from '../units/import-plan';
import type { UnitNode } from '../units/tree';

export interface KnownPerson {
	id: number;
	fullName: string;
	displayName: string;
	username: string | null;
	phone: string | null;
	email: string | null;
	birthYear: number | null;
	/** Open memberships. */
	memberOf: UnitNode[];
	/** Active roles. */
	roles: { role: Role; unitId: number; unitPath: string }[];
}

export interface NewPerson {
	line: number;
	fullName: string;
	displayName: string;
	username: string;
	phone: string | null;
	email: string | null;
	birthYear: number | null;
	unit: UnitRef;
	joinedOn: string;
	role: Role;
}

export interface PersonUpdate {
	line: number;
	personId: number;
	/** The name on the row (for the preview), whether or not it changes. */
	fullName: string;
	set: Partial<Pick<KnownPerson, 'fullName' | 'displayName' | 'username' | 'phone' | 'email' | 'birthYear'>>;
	/** Joins the row's unit when the person is not yet a member there. */
	join: { unit: UnitRef; joinedOn: string } | null;
	/** Grants the row's role at its unit when the person does not hold it there. */
	grant: { unit: UnitRef; role: Role } | null;
}

export interface PeoplePlan {
	create: NewPerson[];
	update: PersonUpdate[];
	unchanged: number;
	errors: ImportError[];
}

const ROLE_WORDS: Record<string, Role> = {
	'doan vien': 'member',
	'bi thu': 'unit_admin',
	'pho bi thu': 'unit_admin',
	'quan tri don vi': 'unit_admin'
};

export function matchRole(value: string): Role | null {
	if (!value) return 'member';
	const wanted = toSearchText(value);
	const byCode = ROLES.find((r) => r === wanted.replace(/[\s_]+/g, '_'));
	if (byCode) return byCode;
	return ROLES.find((r) => toSearchText(t(`role.${r}`)) === wanted) ?? ROLE_WORDS[wanted] ?? null;
}

/** Excel drops the leading 0 of a phone typed as a number: nine digits starting 1-9 get it back. */
export function importPhone(value: string): string | null {
	const compact = value.replace(/[\s.\-()]/g, '');
	return normalisePhone(/^[1-9]\d{8}$/.test(compact) ? `0${compact}` : compact);
}

const USERNAME = /^(?=.*[a-z])[a-z0-9._-]{3,40}$/;

/** dd/mm/yyyy (or d/m/yyyy, with - or .), or yyyy-mm-dd as spreadsheets export dates; a real calendar day. */
export function parseDay(value: string): string | null {
	let y: number, m: number, d: number;
	const vn = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(value);
	const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
	if (vn) [d, m, y] = [Number(vn[1]), Number(vn[2]), Number(vn[3])];
	else if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
	else return null;
	const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
	const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
	if (y < 1900 || m < 1 || m > 12 || d < 1 || d > days[m - 1]!) return null;
	return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * "Nguyễn Văn An" → "annv": the given name then the initials of the others, as Vietnamese offices name
 * accounts; a number is added when taken ("annv2").
 */
export function usernameBase(fullName: string): string {
	const words = toSearchText(fullName)
		.split(' ')
		.map((w) => w.replace(/[^a-z0-9]/g, ''))
		.filter(Boolean);
	if (words.length === 0) return 'doanvien';
	const base = (
		words.at(-1)! +
		words
			.slice(0, -1)
			.map((w) => w[0])
			.join('')
	).slice(0, 30);
	return base.length >= 3 ? base : `${base}dv`;
}

export interface PeopleWorld {
	people: KnownPerson[];
	/** Today in Vietnam (yyyy-mm-dd): the default day of joining, and no one joins in the future. */
	today: string;
}

/**
 * Decides what a people table would do. A row is the same person as an account with its phone, username or
 * e-mail (all three must agree); such a person gets the row's new details, membership and role, and an
 * unchanged row changes nothing, so importing a file twice is the same as once. Everything is checked as the
 * forms would check it, row by row: contacts normalised, duplicates in the file and in the database named,
 * the unit and the role within what the importing admin may do.
 */
export function planPeople(
	table: RawTable | null,
	world: PeopleWorld,
	resolve: (code: string) => UnitRef | null,
	authority: ImportAuthority
): PeoplePlan {
	const plan: PeoplePlan = { create: [], update: [], unchanged: 0, errors: [] };
	if (!table) return plan;
	const columns = mapColumns(table, PEOPLE_COLUMNS);
	if (!columns.ok) return { ...plan, errors: columns.errors };
	const byPhone = new Map<string, KnownPerson>();
	const byEmail = new Map<string, KnownPerson>();
	const byUsername = new Map<string, KnownPerson>();
	for (const p of world.people) {
		if (p.phone) byPhone.set(p.phone, p);
		if (p.email) byEmail.set(p.email, p);
		if (p.username) byUsername.set(p.username, p);
	}
	const seen = { phone: new Map<string, number>(), email: new Map<string, number>(), username: new Map<string, number>() };
	const nextSuffix = new Map<string, number>();
	const thisYear = Number(world.today.slice(0, 4));
	const pendingNew: { row: Omit<NewPerson, 'username'> & { username: string | null } }[] = [];

	for (const { line, cells } of table.rows) {
		if (rowIsBlank(cells)) continue;
		const r = new RowReader<PeopleKey>(table, PEOPLE_COLUMNS, columns.index, line, cells);
		const fullName = r.text('fullName', { required: true, max: 200 });
		if (fullName && !/\p{L}/u.test(fullName)) r.failKey('fullName', 'import.badName', { value: shown(fullName) });
		const rawUsername = r.text('username', { max: 40 });
		const username = rawUsername ? rawUsername.toLowerCase() : null;
		if (username && !USERNAME.test(username)) r.failKey('username', 'import.badUsername', { value: shown(rawUsername!) });
		const rawPhone = r.text('phone', { max: 30 });
		const phone = rawPhone ? importPhone(rawPhone) : null;
		if (rawPhone && !phone) r.failKey('phone', 'import.badPhone', { value: shown(rawPhone) });
		const rawEmail = r.text('email', { max: 254 });
		const email = rawEmail ? normaliseEmail(rawEmail) : null;
		if (rawEmail && !email) r.failKey('email', 'import.badEmail', { value: shown(rawEmail) });
		const rawYear = r.text('birthYear', { max: 10 });
		const birthYear = rawYear ? Number(rawYear) : null;
		if (rawYear && !(/^\d{4}$/.test(rawYear) && birthYear! >= 1940 && birthYear! <= thisYear))
			r.failKey('birthYear', 'import.badYear', { value: shown(rawYear) });
		const rawUnit = r.text('unitCode', { required: true, max: 40 });
		const unit = rawUnit ? resolve(normaliseCode(rawUnit)) : null;
		if (rawUnit && !unit) r.failKey('unitCode', 'import.unknownUnit', { value: shown(rawUnit) });
		else if (unit?.kind === 'existing' && !unit.unit.active) r.failKey('unitCode', 'import.retiredUnit', { value: shown(rawUnit!) });
		const rawDay = r.text('joinedOn', { max: 20 });
		const joinedOn = rawDay ? parseDay(rawDay) : world.today;
		if (rawDay && (!joinedOn || joinedOn > world.today)) r.failKey('joinedOn', 'import.badDate', { value: shown(rawDay) });
		const rawRole = r.text('role', { max: 60 });
		const role = matchRole(rawRole ?? '');
		if (rawRole && !role)
			r.failKey('role', 'import.unknownRole', { value: shown(rawRole), roles: ROLES.map((x) => `${x} (${t(`role.${x}`)})`).join(', ') });
		if (rawPhone === '' && rawEmail === '' && rawUsername === '') r.failKey('phone', 'import.contactRequired');

		for (const [key, value] of [
			['phone', phone],
			['email', email],
			['username', username]
		] as const) {
			if (!value) continue;
			const first = seen[key].get(value);
			if (first !== undefined) r.failKey(key, 'import.duplicateInFile', { value: shown(value), line: first });
			else seen[key].set(value, line);
		}
		if (r.errors.length || !fullName || !unit || !joinedOn || !role) {
			plan.errors.push(...r.errors);
			continue;
		}

		const node = unit.kind === 'existing' ? unit.unit : unit.node;
		const matches = new Set(
			[phone && byPhone.get(phone), email && byEmail.get(email), username && byUsername.get(username)].filter((p) => !!p)
		);
		if (matches.size > 1) {
			plan.errors.push({ sheet: table.sheet, line, column: r.header('phone'), message: t('import.twoPeople') });
			continue;
		}
		const known = [...matches][0] as KnownPerson | undefined;
		if (!known) {
			if (!allows(authority, 'person.create', { kind: 'unit', unit: node }))
				r.failKey('unitCode', 'import.outOfScope', { value: shown(rawUnit!) });
			else if (!allows(authority, 'role.grant', { kind: 'grant', unit: node, role }))
				r.failKey('role', 'import.roleNotAllowed', { value: t(`role.${role}`) });
			if (r.errors.length) plan.errors.push(...r.errors);
			else
				pendingNew.push({
					row: { line, fullName, displayName: publicDisplayName(fullName), username, phone, email, birthYear, unit, joinedOn, role }
				});
			continue;
		}

		if (!allows(authority, 'person.manage', { kind: 'person', memberOf: known.memberOf, grants: known.roles })) {
			plan.errors.push({ sheet: table.sheet, line, column: null, message: t('import.personOutOfScope') });
			continue;
		}
		const set: PersonUpdate['set'] = {};
		if (known.fullName !== fullName) {
			set.fullName = fullName;
			// A display name the person chose is theirs; one derived from the old name follows the new one.
			if (known.displayName === publicDisplayName(known.fullName)) set.displayName = publicDisplayName(fullName);
		}
		if (phone && known.phone !== phone) set.phone = phone;
		if (email && known.email !== email) set.email = email;
		if (username && known.username !== username) set.username = username;
		if (birthYear !== null && known.birthYear !== birthYear) set.birthYear = birthYear;
		const isMember = unit.kind === 'existing' && known.memberOf.some((u) => u.id === unit.unit.id);
		const holdsRole = unit.kind === 'existing' && known.roles.some((g) => g.unitId === unit.unit.id && g.role === role);
		if (!isMember && !allows(authority, 'person.create', { kind: 'unit', unit: node }))
			r.failKey('unitCode', 'import.outOfScope', { value: shown(rawUnit!) });
		if (!holdsRole && !allows(authority, 'role.grant', { kind: 'grant', unit: node, role }))
			r.failKey('role', 'import.roleNotAllowed', { value: t(`role.${role}`) });
		if (r.errors.length) {
			plan.errors.push(...r.errors);
			continue;
		}
		const update: PersonUpdate = {
			line,
			personId: known.id,
			fullName,
			set,
			join: isMember ? null : { unit, joinedOn },
			grant: holdsRole ? null : { unit, role }
		};
		if (Object.keys(set).length === 0 && !update.join && !update.grant) plan.unchanged++;
		else plan.update.push(update);
	}

	// Usernames are handed out after every row is read, so a name typed further down the file is never taken first.
	for (const { row } of pendingNew) {
		let username = row.username;
		if (!username) {
			const base = usernameBase(row.fullName);
			let n = nextSuffix.get(base) ?? 1;
			for (let candidate = base; ; candidate = `${base}${++n}`) {
				if (!byUsername.has(candidate) && !seen.username.has(candidate)) {
					username = candidate;
					break;
				}
			}
			nextSuffix.set(base, n);
			seen.username.set(username, row.line);
		}
		plan.create.push({ ...row, username });
	}
	plan.errors.sort((a, b) => a.line - b.line);
	return plan;
}
