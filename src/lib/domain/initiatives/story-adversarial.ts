/**
 * Stories built to make a naive markup parser go quadratic (or worse). The unit tests check they come out
 * as harmless text; bench/story.ts measures how their cost grows with size.
 */
export const ADVERSARIAL_STORIES: Array<[label: string, story: string]> = [
	['100k asterisks', '*'.repeat(100_000)],
	['100k alternating asterisks', '*a'.repeat(50_000)],
	['25k emphasis spans on one line', '*a* '.repeat(25_000)],
	['5k links on one line', '[a](https://a.vn) https://b.vn '.repeat(5_000)],
	['100k open brackets', '['.repeat(100_000)],
	['50k unfinished links', '[a]('.repeat(50_000)],
	['20k unfinished https links', '[a](https://'.repeat(20_000)],
	['brackets then a long tail', `${'['.repeat(50_000)}${'a'.repeat(50_000)}`],
	['one huge unclosed URL', `https://a.vn/${'('.repeat(100_000)}`],
	['a URL with 100k closing parentheses', `https://a.vn/${')'.repeat(100_000)}`],
	['100k trailing spaces before a letter', `${' '.repeat(100_000)}x`],
	['50k blank lines', '\n \n'.repeat(50_000)],
	['50k line breaks', 'a\n'.repeat(50_000)]
];
