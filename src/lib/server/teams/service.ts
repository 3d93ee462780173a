import { and, eq, isNull } from 'drizzle-orm';
import { teamFocus, teamInvites, teamMembers, teams } from '../db/schema';
import type { ServiceContext } from '../context';
import type { Db } from '../db/client';
import { authorize } from '../auth/authorize';
import { recordAudit } from '../audit';
import { hashSecret, randomToken, secretMatches, splitToken } from '../auth/tokens';
import { getUnit } from '../units/queries';
import { existingActivityTypeIds, getTeam, isMemberWithin, type TeamRow } from './queries';
import { defaultTeamCampaignId, enrolmentScopeOf, teamSettingsOf } from './settings';
import type { TeamSettings } from '../../domain/teams';
import type { MessageKey } from '../../i18n';
import { toSearchText } from '../../text';
import { evaluateBadges } from '../scoring/badges';

export interface TeamInput {
	name: string;
	/** A code of the campaign's team kinds. */
	kind: string;
	/** The campaign whose kinds and enrolment level apply; absent: the installation's first. */
	campaignId?: number;
	unitId: number;
	leaderId: number;
	servedPlaces: string[];
	helpers: string[];
	activeFrom: string;
	activeTo: string | null;
	focus: number[];
}

export type TeamResult = { ok: true; team: TeamRow } | { ok: false; error: MessageKey; field?: string };

export const TEAM_INVITE_TTL_MS = 14 * 24 * 60 * 60 * 1000;

const settingsFor = (ctx: ServiceContext, input: Pick<TeamInput, 'campaignId' | 'unitId'>): TeamSettings =>
	teamSettingsOf(ctx.db, input.campaignId ?? defaultTeamCampaignId(ctx.db, input.unitId));

/** `keptKind`: the kind the team already has, accepted even when its campaign no longer lists it. */
function checkTeamInput(
	ctx: ServiceContext,
	input: TeamInput,
	unitPath: string,
	keptKind?: string
): { error: MessageKey; field: string } | null {
	const settings = settingsFor(ctx, input);
	if (input.kind !== keptKind && !settings.kinds.some((k) => k.code === input.kind)) return { error: 'team.unknownKind', field: 'kind' };
	if (!isMemberWithin(ctx.db, input.leaderId, enrolmentScopeOf(ctx.db, unitPath, settings)))
		return { error: 'team.leaderOutOfScope', field: 'leaderId' };
	if (existingActivityTypeIds(ctx.db, input.focus).length !== new Set(input.focus).size)
		return { error: 'team.unknownActivity', field: 'focus' };
	return null;
}

function writeFocus(db: Db, teamId: number, focus: number[]): void {
	db.delete(teamFocus).where(eq(teamFocus.teamId, teamId)).run();
	for (const activityTypeId of new Set(focus)) db.insert(teamFocus).values({ teamId, activityTypeId }).run();
}

function ensureMember(db: Db, teamId: number, personId: number, at: number): boolean {
	const open = db
		.select({ id: teamMembers.id })
		.from(teamMembers)
		.where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.personId, personId), isNull(teamMembers.leftAt)))
		.get();
	if (open) return false;
	db.insert(teamMembers).values({ teamId, personId, joinedAt: at }).run();
	return true;
}

export function createTeam(ctx: ServiceContext, input: TeamInput): TeamResult {
	const unit = getUnit(ctx.db, input.unitId);
	if (!unit) return { ok: false, error: 'unitError.notFound', field: 'unitId' };
	authorize(ctx, 'team.create', { kind: 'unit', unit });
	const problem = checkTeamInput(ctx, input, unit.path);
	if (problem) return { ok: false, ...problem };
	return ctx.db.transaction((tx) => {
		const team = tx
			.insert(teams)
			.values({
				name: input.name,
				kind: input.kind,
				unitId: unit.id,
				leaderId: input.leaderId,
				servedPlaces: input.servedPlaces,
				helpers: input.helpers,
				activeFrom: input.activeFrom,
				activeTo: input.activeTo,
				searchName: toSearchText(input.name),
				createdAt: ctx.now,
				createdBy: ctx.actor?.personId ?? null
			})
			.returning()
			.get();
		ensureMember(ctx.db, team.id, input.leaderId, ctx.now);
		writeFocus(ctx.db, team.id, input.focus);
		recordAudit(ctx.db, ctx, {
			action: 'team.create',
			targetType: 'team',
			targetId: team.id,
			unitId: unit.id,
			after: { name: team.name, kind: team.kind, leaderId: team.leaderId }
		});
		return { ok: true as const, team };
	});
}

export function updateTeam(ctx: ServiceContext, teamId: number, input: TeamInput): TeamResult {
	const team = getTeam(ctx.db, teamId);
	if (!team) return { ok: false, error: 'error.404' };
	const unit = getUnit(ctx.db, team.unitId)!;
	authorize(ctx, 'team.manage', { kind: 'team', unit, leaderId: team.leaderId });
	// Moving a team to another unit is a new registration there, not an edit.
	const problem = checkTeamInput(ctx, { ...input, unitId: team.unitId }, unit.path, team.kind);
	if (problem) return { ok: false, ...problem };
	return ctx.db.transaction((tx) => {
		const updated = tx
			.update(teams)
			.set({
				name: input.name,
				kind: input.kind,
				leaderId: input.leaderId,
				servedPlaces: input.servedPlaces,
				helpers: input.helpers,
				activeFrom: input.activeFrom,
				activeTo: input.activeTo,
				searchName: toSearchText(input.name)
			})
			.where(eq(teams.id, teamId))
			.returning()
			.get();
		ensureMember(ctx.db, teamId, input.leaderId, ctx.now);
		writeFocus(ctx.db, teamId, input.focus);
		recordAudit(ctx.db, ctx, {
			action: 'team.update',
			targetType: 'team',
			targetId: teamId,
			unitId: unit.id,
			before: { name: team.name, kind: team.kind, leaderId: team.leaderId },
			after: { name: updated.name, kind: updated.kind, leaderId: updated.leaderId }
		});
		return { ok: true as const, team: updated };
	});
}

/** A new invite link replaces the previous one (a leaked QR code stops working when the leader makes a new one). */
export function issueTeamInvite(ctx: ServiceContext, teamId: number): string | null {
	const team = getTeam(ctx.db, teamId);
	if (!team) return null;
	const unit = getUnit(ctx.db, team.unitId)!;
	authorize(ctx, 'team.manage', { kind: 'team', unit, leaderId: team.leaderId });
	const id = randomToken();
	const secret = randomToken();
	ctx.db.transaction((tx) => {
		tx.update(teamInvites)
			.set({ revokedAt: ctx.now })
			.where(and(eq(teamInvites.teamId, teamId), isNull(teamInvites.revokedAt)))
			.run();
		tx.insert(teamInvites)
			.values({
				id,
				secretHash: hashSecret(secret),
				teamId,
				createdBy: ctx.actor?.personId ?? null,
				createdAt: ctx.now,
				expiresAt: ctx.now + TEAM_INVITE_TTL_MS
			})
			.run();
		recordAudit(ctx.db, ctx, { action: 'team.invite', targetType: 'team', targetId: teamId, unitId: unit.id });
	});
	return `${id}.${secret}`;
}

export function teamForInvite(db: Db, token: string, now: number): TeamRow | null {
	const parts = splitToken(token);
	if (!parts) return null;
	const invite = db.select().from(teamInvites).where(eq(teamInvites.id, parts.id)).get();
	if (!invite || invite.revokedAt !== null || invite.expiresAt <= now || !secretMatches(parts.secret, invite.secretHash)) return null;
	return getTeam(db, invite.teamId) ?? null;
}

export type JoinResult = { ok: true; team: TeamRow; joined: boolean } | { ok: false; error: MessageKey };

export function joinTeam(ctx: ServiceContext, token: string): JoinResult {
	const team = teamForInvite(ctx.db, token, ctx.now);
	if (!team) return { ok: false, error: 'team.inviteInvalid' };
	const unit = getUnit(ctx.db, team.unitId)!;
	const personId = ctx.actor!.personId;
	const scope = enrolmentScopeOf(ctx.db, unit.path, settingsFor(ctx, { unitId: team.unitId }));
	if (!unit.active || !isMemberWithin(ctx.db, personId, scope)) return { ok: false, error: 'team.outOfScope' };
	return ctx.db.transaction(() => {
		const joined = ensureMember(ctx.db, team.id, personId, ctx.now);
		if (joined) {
			recordAudit(ctx.db, ctx, { action: 'team.join', targetType: 'team', targetId: team.id, unitId: unit.id });
			evaluateBadges(ctx.db, [{ type: 'team', id: team.id }], ctx.now);
		}
		return { ok: true as const, team, joined };
	});
}

export function removeTeamMember(ctx: ServiceContext, teamId: number, personId: number): boolean {
	const team = getTeam(ctx.db, teamId);
	if (!team) return false;
	const unit = getUnit(ctx.db, team.unitId)!;
	authorize(ctx, 'team.manage', { kind: 'team', unit, leaderId: team.leaderId });
	if (personId === team.leaderId) return false;
	return ctx.db.transaction((tx) => {
		const result = tx
			.update(teamMembers)
			.set({ leftAt: ctx.now })
			.where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.personId, personId), isNull(teamMembers.leftAt)))
			.run();
		if (result.changes > 0) {
			recordAudit(ctx.db, ctx, {
				action: 'team.remove_member',
				targetType: 'team',
				targetId: teamId,
				unitId: unit.id,
				after: { personId }
			});
			evaluateBadges(ctx.db, [{ type: 'team', id: teamId }], ctx.now);
		}
		return result.changes > 0;
	});
}
