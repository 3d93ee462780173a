/** The query parameter pages take a campaign's slug from (`?phong-trao=SLUG`). */
export const CAMPAIGN_PARAM = 'phong-trao';

/**
 * A form action of a page about one campaign: `?/name` alone would drop the page's `?phong-trao=`, and the
 * action would then work on the installation's default campaign instead of the one on screen.
 */
export function campaignAction(name: string, slug: string | null | undefined): string {
	return slug ? `?/${name}&${CAMPAIGN_PARAM}=${encodeURIComponent(slug)}` : `?/${name}`;
}

/** A link to another page about the same campaign. */
export function campaignHref(path: string, slug: string | null | undefined): string {
	return slug ? `${path}?${CAMPAIGN_PARAM}=${encodeURIComponent(slug)}` : path;
}
