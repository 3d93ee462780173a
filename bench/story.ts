/**
 * How the story parser's cost grows on hostile input: each adversarial story at its size and at 4×.
 * A linear parser shows a ratio near 4; a quadratic one near 16.
 *
 *   node --import tsx bench/story.ts
 */
import { parseStory } from '../src/lib/domain/initiatives/story';
import { ADVERSARIAL_STORIES } from '../src/lib/domain/initiatives/story-adversarial';

function bestOfFiveMs(story: string): number {
	parseStory(story);
	let best = Infinity;
	for (let i = 0; i < 5; i++) {
		const start = performance.now();
		parseStory(story);
		best = Math.min(best, performance.now() - start);
	}
	return best;
}

let worst = 0;
for (const [label, story] of ADVERSARIAL_STORIES) {
	const once = bestOfFiveMs(story);
	const fourTimes = bestOfFiveMs(story.repeat(4));
	worst = Math.max(worst, fourTimes / once);
	console.log(
		`${label.padEnd(40)} ${once.toFixed(2).padStart(8)} ms   ×4 input: ${fourTimes.toFixed(2).padStart(8)} ms   ratio ${(fourTimes / once).toFixed(1)}`
	);
}
console.log(
	`worst growth ratio for 4× input: ${worst.toFixed(1)} (linear ≈ 4, quadratic ≈ 16; goal: every ${ADVERSARIAL_STORIES.length} input parsed in < 100 ms at its size)`
);
