/**
 * Open Badges 3.0 credentials (1EdTech, on the W3C Verifiable Credentials 2.0 data model) for awards and badges,
 * built from plain facts; the server signs them. Recipients are named, not identified by e-mail: members have none
 * on record, and the name on a certificate is what a reader compares.
 */
export const OPEN_BADGES_CONTEXT = ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'];

export interface CredentialFacts {
	/** The credential's own URL: its public verification page. */
	id: string;
	issuer: { id: string; name: string; url: string };
	/** The achievement's URL and what it is. */
	achievement: { id: string; name: string; description: string; criteria: string; kind: 'Award' | 'Badge'; image?: string };
	recipientName: string;
	/** When it was given (a decision's day, a badge's moment). */
	awardedOn: Date;
	/** Why: an award's citation, a badge's rule. */
	evidence?: string;
}

export function openBadgeCredential(facts: CredentialFacts) {
	const iso = facts.awardedOn.toISOString().replace(/\.\d{3}Z$/, 'Z');
	return {
		'@context': OPEN_BADGES_CONTEXT,
		id: facts.id,
		type: ['VerifiableCredential', 'OpenBadgeCredential'],
		name: `${facts.achievement.name} — ${facts.recipientName}`,
		issuer: { id: facts.issuer.id, type: ['Profile'], name: facts.issuer.name, url: facts.issuer.url },
		validFrom: iso,
		awardedDate: iso,
		credentialSubject: {
			type: ['AchievementSubject'],
			identifier: [{ type: 'IdentityObject', identityType: 'name', hashed: false, identityHash: facts.recipientName }],
			achievement: {
				id: facts.achievement.id,
				type: ['Achievement'],
				achievementType: facts.achievement.kind,
				name: facts.achievement.name,
				description: facts.achievement.description,
				criteria: { narrative: facts.achievement.criteria },
				...(facts.achievement.image ? { image: { id: facts.achievement.image, type: 'Image' } } : {})
			}
		},
		...(facts.evidence ? { evidence: [{ type: ['Evidence'], name: 'Thành tích', narrative: facts.evidence }] } : {})
	};
}
