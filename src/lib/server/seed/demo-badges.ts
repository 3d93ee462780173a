import type { BadgeDefinition } from '../../domain/scoring/badges';

/** About twelve badges for the demo campaign, covering every kind the engine knows. */
export const DEMO_BADGES: BadgeDefinition[] = [
	{
		code: 'buoc-dau',
		name: 'Bước chân đầu tiên',
		howToEarn: 'Có sáng kiến đầu tiên được cấp trên xác nhận.',
		icon: 'rocket',
		spec: { kind: 'first', subject: 'member' }
	},
	{
		code: 'doi-hinh-ra-quan',
		name: 'Đội hình ra quân',
		howToEarn: 'Đội hình có sáng kiến đầu tiên được xác nhận.',
		icon: 'flag',
		spec: { kind: 'first', subject: 'team' }
	},
	{
		code: 'dan-duong-so',
		name: 'Người dẫn đường số',
		howToEarn: 'Cùng hỗ trợ 100 / 1.000 / 10.000 người dùng dịch vụ số (VNeID, dịch vụ công...).',
		icon: 'phone',
		spec: { kind: 'measure', subject: 'member', measure: 'people', levels: [100, 1000, 10000] }
	},
	{
		code: 'chu-ky-so',
		name: 'Chữ ký số cho mọi nhà',
		howToEarn: 'Cùng cài đặt 10 / 100 / 1.000 chữ ký số.',
		icon: 'shield',
		spec: { kind: 'measure', subject: 'member', measure: 'signatures', levels: [10, 100, 1000] }
	},
	{
		code: 'tinh-nguyen-vien',
		name: 'Tình nguyện viên số',
		howToEarn: 'Tham gia 5 / 20 / 50 sáng kiến được xác nhận.',
		icon: 'heart',
		spec: { kind: 'count', subject: 'member', levels: [5, 20, 50] }
	},
	{
		code: 'chi-doan-tien-phong',
		name: 'Chi đoàn tiên phong',
		howToEarn: 'Chi đoàn có 5 / 15 / 40 sáng kiến được xác nhận.',
		icon: 'star',
		spec: { kind: 'count', subject: 'branch', levels: [5, 15, 40] }
	},
	{
		code: 'ben-bi',
		name: 'Bền bỉ',
		howToEarn: 'Có việc làm được xác nhận 3 tháng liên tiếp (được lỡ 1 tháng).',
		icon: 'fire',
		spec: { kind: 'streak', subject: 'member', months: 3, grace: 1 }
	},
	{
		code: 'chi-doan-ben-bi',
		name: 'Chi đoàn không nghỉ',
		howToEarn: 'Chi đoàn có việc làm được xác nhận 6 tháng liên tiếp (được lỡ 1 tháng).',
		icon: 'fire',
		spec: { kind: 'streak', subject: 'branch', months: 6, grace: 1 }
	},
	{
		code: 'doi-hinh-manh',
		name: 'Đội hình mạnh',
		howToEarn: 'Đội hình có từ 10 thành viên trở lên.',
		icon: 'people',
		spec: { kind: 'teamSize', minMembers: 10 }
	},
	{
		code: 'phu-kin',
		name: 'Phủ kín chi đoàn',
		howToEarn: 'Mọi chi đoàn của đoàn cơ sở đều có việc làm được xác nhận trong năm.',
		icon: 'map',
		spec: { kind: 'coverage', subject: 'grassroots' }
	},
	{
		code: 'top-3-huyen',
		name: 'Top 3 toàn tỉnh',
		howToEarn: 'Đơn vị cấp huyện đứng trong 3 hạng đầu toàn tỉnh khi tổng kết kỳ.',
		icon: 'crown',
		spec: { kind: 'top', subject: 'district', places: 3 }
	},
	{
		code: 'top-10-doan-vien',
		name: 'Top 10 đoàn viên',
		howToEarn: 'Đoàn viên đứng trong 10 hạng đầu toàn tỉnh khi tổng kết kỳ.',
		icon: 'medal',
		spec: { kind: 'top', subject: 'member', places: 10 }
	},
	{
		code: 'nha-dao-tao',
		name: 'Nhà đào tạo số',
		howToEarn: 'Đoàn cơ sở tập huấn kỹ năng số cho 50 / 500 người.',
		icon: 'book',
		spec: { kind: 'measure', subject: 'grassroots', measure: 'attendees', levels: [50, 500] }
	}
];
