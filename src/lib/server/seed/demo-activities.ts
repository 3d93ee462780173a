/**
 * The youth campaign's content areas (seed 000, III.1) and the activities the 2023 report counts (seed 003,
 * DOMAIN.md "What gets counted"), with sane per-initiative ranges.
 */
export const CONTENT_AREAS = [
	{ code: '1.1', name: 'Nâng cao nhận thức về chuyển đổi số; vai trò người đứng đầu các cấp bộ Đoàn' },
	{ code: '1.2', name: 'Ứng dụng công nghệ, sản phẩm, mô hình mới; ý tưởng, sáng kiến' },
	{ code: '1.3', name: 'Huy động nguồn lực, hạ tầng, thiết bị cho chuyển đổi số' },
	{ code: '1.4', name: 'Dữ liệu mở và mục tiêu “5 không”; dịch vụ công, thanh toán không dùng tiền mặt' },
	{ code: '1.5', name: 'An toàn, an ninh thông tin và dữ liệu' },
	{ code: '1.6', name: 'Đào tạo, bồi dưỡng kỹ năng số cho cán bộ Đoàn' }
] as const;

type Measure = {
	code: string;
	label: string;
	unitLabel: string;
	kind?: 'integer' | 'decimal';
	min?: number;
	max: number;
	required?: boolean;
};

export const ACTIVITY_TYPES: Array<{ area: string; name: string; measures: Measure[] }> = [
	{
		area: '1.4',
		name: 'Hướng dẫn cài đặt, kích hoạt tài khoản định danh điện tử VNeID',
		measures: [{ code: 'people', label: 'Người được hỗ trợ', unitLabel: 'người', max: 5000 }]
	},
	{
		area: '1.4',
		name: 'Hướng dẫn khai báo cư trú tại cơ sở y tế (mô hình “Công dân số”)',
		measures: [{ code: 'people', label: 'Người được hướng dẫn', unitLabel: 'người', max: 2000 }]
	},
	{
		area: '1.4',
		name: 'Hỗ trợ người dân thực hiện dịch vụ công trực tuyến',
		measures: [
			{ code: 'procedures', label: 'Thủ tục được hỗ trợ', unitLabel: 'thủ tục', max: 5000 },
			{ code: 'people', label: 'Người được hỗ trợ', unitLabel: 'người', max: 5000 }
		]
	},
	{
		area: '1.4',
		name: 'Cài đặt chữ ký số VNPT SmartCA',
		measures: [{ code: 'signatures', label: 'Chữ ký số được cài đặt', unitLabel: 'chữ ký số', max: 2000 }]
	},
	{
		area: '1.4',
		name: 'Hướng dẫn ứng dụng Điện Biên Smart, gắn địa chỉ số hộ gia đình',
		measures: [
			{ code: 'people', label: 'Người được hướng dẫn', unitLabel: 'người', max: 5000 },
			{ code: 'households', label: 'Hộ được gắn địa chỉ số', unitLabel: 'hộ', min: 0, max: 5000, required: false }
		]
	},
	{
		area: '1.4',
		name: 'Hướng dẫn eTax Mobile, VssID, ngân hàng số, thanh toán không dùng tiền mặt',
		measures: [{ code: 'people', label: 'Người được hướng dẫn', unitLabel: 'người', max: 5000 }]
	},
	{
		area: '1.2',
		name: 'Đưa sản phẩm của thanh niên lên sàn thương mại điện tử; hướng dẫn chụp ảnh, livestream bán hàng',
		measures: [
			{ code: 'products', label: 'Sản phẩm được đưa lên sàn', unitLabel: 'sản phẩm', min: 0, max: 1000 },
			{ code: 'people', label: 'Người được hướng dẫn', unitLabel: 'người', min: 0, max: 2000, required: false }
		]
	},
	{
		area: '1.6',
		name: 'Tập huấn kỹ năng số cho cán bộ Đoàn, tình nguyện viên',
		measures: [
			{ code: 'sessions', label: 'Buổi tập huấn', unitLabel: 'buổi', max: 50 },
			{ code: 'attendees', label: 'Người tham dự', unitLabel: 'người', max: 2000 }
		]
	},
	{
		area: '1.2',
		name: 'Số hoá di tích, điểm du lịch bằng mã QR',
		measures: [{ code: 'works', label: 'Công trình được số hoá', unitLabel: 'công trình', max: 100 }]
	},
	{
		area: '1.3',
		name: 'Tặng máy tính, thiết bị; hỗ trợ đăng ký thuê bao chính chủ',
		measures: [
			{ code: 'devices', label: 'Thiết bị được trao tặng', unitLabel: 'thiết bị', min: 0, max: 500 },
			{ code: 'subscribers', label: 'Thuê bao được hỗ trợ', unitLabel: 'thuê bao', min: 0, max: 5000, required: false }
		]
	},
	{
		area: '1.1',
		name: 'Cuộc thi trực tuyến tìm hiểu về chuyển đổi số',
		measures: [
			{ code: 'contests', label: 'Cuộc thi', unitLabel: 'cuộc thi', max: 20 },
			{ code: 'entries', label: 'Lượt tham gia', unitLabel: 'lượt', max: 100000 }
		]
	},
	{
		area: '1.2',
		name: 'Ý tưởng, sáng kiến “Mỗi thanh niên một ý tưởng, sáng kiến”',
		measures: [
			{ code: 'ideas', label: 'Ý tưởng, sáng kiến', unitLabel: 'ý tưởng', max: 100 },
			{ code: 'applied', label: 'Ý tưởng được áp dụng', unitLabel: 'ý tưởng', min: 0, max: 100, required: false }
		]
	},
	{
		area: '1.5',
		name: 'Tuyên truyền an toàn thông tin, phòng chống lừa đảo trên không gian mạng',
		measures: [
			{ code: 'sessions', label: 'Buổi tuyên truyền', unitLabel: 'buổi', max: 50 },
			{ code: 'people', label: 'Người tham dự', unitLabel: 'người', max: 5000 }
		]
	},
	{
		area: '1.1',
		name: 'Vận động đoàn viên cài đặt ứng dụng “Thanh niên Việt Nam”',
		measures: [{ code: 'members', label: 'Đoàn viên cài đặt', unitLabel: 'đoàn viên', max: 5000 }]
	}
];
