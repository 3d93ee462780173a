import { describe, expect, it } from 'vitest';
import { mergeTicker, type TickerItem } from './ticker';

const approved = (initiativeId: number, at: number): TickerItem => ({
	kind: 'approved',
	initiativeId,
	title: `Sáng kiến ${initiativeId}`,
	unitName: 'Đoàn xã Ta Ma',
	photo: null,
	at
});
const badge = (holder: string, at: number): TickerItem => ({
	kind: 'badge',
	badgeName: 'Người dẫn đường số',
	icon: 'star',
	level: 1,
	holder,
	at
});

describe('mergeTicker', () => {
	it('puts the newest first and keeps at most the limit', () => {
		const merged = mergeTicker([approved(3, 30)], [approved(2, 20), approved(1, 10)], 2);
		expect(merged.map((i) => i.at)).toEqual([30, 20]);
	});

	it('keeps one entry per initiative: the newest approval wins', () => {
		const merged = mergeTicker([approved(1, 50)], [approved(1, 10), approved(2, 20)], 8);
		expect(merged).toEqual([approved(1, 50), approved(2, 20)]);
	});

	it('does not let a snapshot fetched after a reconnect drop badges or live items it does not carry', () => {
		const held = [badge('Lò Văn Tâm', 40), approved(9, 35)];
		const snapshot = [approved(9, 35), approved(8, 5)];
		expect(mergeTicker(snapshot, held, 8).map((i) => i.at)).toEqual([40, 35, 5]);
	});

	it('keeps two badges of the same holder earned at different times', () => {
		expect(mergeTicker([badge('Lò Văn Tâm', 2)], [badge('Lò Văn Tâm', 1)], 8)).toHaveLength(2);
	});
});
