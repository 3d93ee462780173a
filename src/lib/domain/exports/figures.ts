import type { Figures } from '../figures/types';
import type { Cell } from './cells';

/** One table of an export: a sheet in .xlsx, a file in CSV. `decimals` marks number columns shown with one decimal. */
export interface Section {
	name: string;
	header: string[];
	rows: Cell[][];
	/** Widths in characters, one per column. */
	widths: number[];
}

/** A unit's figures as the tables of a 003-style report annex: measures by content area, levels, teams, units, months. */
export function figuresSections(figures: Figures, levelLabel: (code: string) => string): Section[] {
	return [
		{
			name: 'Số liệu',
			header: [
				'Nội dung thi đua',
				'Hoạt động',
				'Chỉ tiêu',
				'Đơn vị tính',
				'Đã duyệt',
				'Đơn vị báo cáo',
				'Số sáng kiến',
				'Chờ duyệt (chưa tính)'
			],
			rows: figures.measures.map((m) => [
				`${m.contentAreaCode}. ${m.contentAreaName}`,
				m.activityTypeName,
				m.label,
				m.unitLabel,
				m.approved,
				m.reported,
				m.works,
				m.pending
			]),
			widths: [36, 32, 32, 12, 12, 14, 12, 14]
		},
		{
			name: 'Theo cấp',
			header: ['Cấp đơn vị', 'Sáng kiến đã duyệt'],
			rows: figures.worksByLevel.map((l) => [l.label, l.count]),
			widths: [30, 18]
		},
		{
			name: 'Đội hình',
			header: ['Loại đội hình', 'Cấp', 'Số đội', 'Thành viên'],
			rows: figures.teams.map((t) => [t.kindLabel, levelLabel(t.levelCode), t.teams, t.members]),
			widths: [36, 24, 10, 12]
		},
		{
			name: 'Đơn vị trực thuộc',
			header: ['Đơn vị', 'Sáng kiến đã duyệt', ...figures.measures.map((m) => `${m.activityTypeName}: ${m.label}`)],
			rows: figures.children.map((c) => [
				c.name,
				c.works,
				...figures.measures.map((m) => c.measures[`${m.activityTypeCode}.${m.measureCode}`] ?? 0)
			]),
			widths: [36, 18, ...figures.measures.map(() => 16)]
		},
		{
			name: 'Theo tháng',
			header: ['Tháng', 'Sáng kiến đã duyệt'],
			rows: figures.months.map((m) => [`${m.month.slice(5)}/${m.month.slice(0, 4)}`, m.works]),
			widths: [12, 18]
		}
	];
}

/** "so-lieu-huyen-doan-tuan-giao-Y2026-2026-10-31": a file name without diacritics or spaces. */
export function exportFileName(parts: string[]): string {
	return parts
		.join('-')
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/[đĐ]/g, 'd')
		.toLowerCase()
		.replace(/[^a-z0-9-]+/g, '-')
		.replace(/-+/g, '-')
		.replace(/^-|-$/g, '')
		.slice(0, 120);
}
