/** The demo organisation: Điện Biên's district-level unions (DOMAIN.md) and a few units under each. Names are illustrative. */
export const DEMO_PASSWORD = 'tienphong';

export interface DemoUnit {
	name: string;
	shortName: string;
	children?: DemoUnit[];
}

const branches = (names: string[]): DemoUnit[] => names.map((n) => ({ name: `Chi đoàn ${n}`, shortName: `CĐ ${n}` }));

const grassroots = (name: string, shortName: string, branchNames: string[]): DemoUnit => ({
	name,
	shortName,
	children: branches(branchNames)
});

export const DISTRICTS: DemoUnit[] = [
	{
		name: 'Thành đoàn Điện Biên Phủ',
		shortName: 'TP Điện Biên Phủ',
		children: [
			grassroots('Đoàn phường Him Lam', 'Him Lam', ['tổ dân phố 1', 'tổ dân phố 5', 'Trường THPT Phan Đình Giót']),
			grassroots('Đoàn phường Mường Thanh', 'Mường Thanh', ['tổ dân phố 3', 'tổ dân phố 8']),
			grassroots('Đoàn Trường Cao đẳng Kinh tế - Kỹ thuật', 'CĐ KT-KT', ['lớp K12 Tin học', 'lớp K13 Kế toán', 'cán bộ giáo viên'])
		]
	},
	{
		name: 'Thị đoàn Mường Lay',
		shortName: 'TX Mường Lay',
		children: [
			grassroots('Đoàn phường Na Lay', 'Na Lay', ['bản Chi Luông', 'bản Ho Củ']),
			grassroots('Đoàn xã Lay Nưa', 'Lay Nưa', ['bản Bắc 1', 'bản Nậm Cản'])
		]
	},
	{
		name: 'Huyện đoàn Điện Biên',
		shortName: 'H. Điện Biên',
		children: [
			grassroots('Đoàn xã Thanh Xương', 'Thanh Xương', ['bản Noong Ứng', 'bản Pa Lếch', 'đội 9']),
			grassroots('Đoàn xã Thanh An', 'Thanh An', ['đội 1', 'đội 4']),
			grassroots('Đoàn xã Mường Phăng', 'Mường Phăng', ['bản Phăng 1', 'bản Che Căn', 'bản Xôm'])
		]
	},
	{
		name: 'Huyện đoàn Điện Biên Đông',
		shortName: 'H. Điện Biên Đông',
		children: [
			grassroots('Đoàn thị trấn Điện Biên Đông', 'TT Điện Biên Đông', ['tổ dân phố 2', 'tổ dân phố 6']),
			grassroots('Đoàn xã Keo Lôm', 'Keo Lôm', ['bản Keo Lôm 1', 'bản Trung Phu'])
		]
	},
	{
		name: 'Huyện đoàn Mường Ảng',
		shortName: 'H. Mường Ảng',
		children: [
			grassroots('Đoàn thị trấn Mường Ảng', 'TT Mường Ảng', ['tổ dân phố 4', 'tổ dân phố 9']),
			grassroots('Đoàn xã Búng Lao', 'Búng Lao', ['bản Lạn', 'bản Co Hắm', 'bản Búng'])
		]
	},
	{
		name: 'Huyện đoàn Mường Chà',
		shortName: 'H. Mường Chà',
		children: [
			grassroots('Đoàn xã Sa Lông', 'Sa Lông', ['bản Sa Lông 1', 'bản Nậm Chua']),
			grassroots('Đoàn xã Mường Mươn', 'Mường Mươn', ['bản Mường Mươn 1', 'bản Na Pheo'])
		]
	},
	{
		name: 'Huyện đoàn Mường Nhé',
		shortName: 'H. Mường Nhé',
		children: [
			grassroots('Đoàn xã Mường Nhé', 'Mường Nhé', ['bản Mường Nhé', 'bản Nậm Pố']),
			grassroots('Đoàn xã Sín Thầu', 'Sín Thầu', ['bản Tả Kố Khừ', 'bản Sen Thượng']),
			grassroots('Đoàn xã Chung Chải', 'Chung Chải', ['bản Leng Su Sìn', 'bản Phìn Khò'])
		]
	},
	{
		name: 'Huyện đoàn Nậm Pồ',
		shortName: 'H. Nậm Pồ',
		children: [
			grassroots('Đoàn xã Nà Hỳ', 'Nà Hỳ', ['bản Nà Hỳ 1', 'bản Huổi Hoi']),
			grassroots('Đoàn xã Chà Cang', 'Chà Cang', ['bản Chà Cang', 'bản Nậm Ngà'])
		]
	},
	{
		name: 'Huyện đoàn Tủa Chùa',
		shortName: 'H. Tủa Chùa',
		children: [
			grassroots('Đoàn thị trấn Tủa Chùa', 'TT Tủa Chùa', ['tổ dân phố Đồng Tâm', 'tổ dân phố Sơn Thủy']),
			grassroots('Đoàn xã Sính Phình', 'Sính Phình', ['bản Sính Phình', 'bản Pàng Dề A'])
		]
	},
	{
		name: 'Huyện đoàn Tuần Giáo',
		shortName: 'H. Tuần Giáo',
		children: [
			grassroots('Đoàn xã Ta Ma', 'Ta Ma', ['bản Ta Ma', 'bản Phiêng Cải', 'bản Háng Khúa', 'bản Tìa Ghềnh']),
			grassroots('Đoàn xã Quài Cang', 'Quài Cang', ['bản Cang', 'bản Ten', 'bản Hới Nọ']),
			grassroots('Đoàn xã Mường Mùn', 'Mường Mùn', ['bản Mùn', 'bản Pá Xá Lào']),
			grassroots('Đoàn thị trấn Tuần Giáo', 'TT Tuần Giáo', ['khối Đồng Tâm', 'khối Tân Thủy'])
		]
	},
	{
		name: 'Đoàn Khối các cơ quan và doanh nghiệp tỉnh',
		shortName: 'Khối CQ-DN tỉnh',
		children: [
			grassroots('Đoàn Sở Khoa học và Công nghệ', 'Sở KH&CN', ['Văn phòng Sở', 'Trung tâm Chuyển đổi số']),
			grassroots('Đoàn Viễn thông Điện Biên', 'VNPT Điện Biên', ['Trung tâm Kinh doanh', 'Trung tâm Viễn thông 1'])
		]
	},
	{
		name: 'Đoàn Thanh niên Công an tỉnh',
		shortName: 'Công an tỉnh',
		children: [
			grassroots('Đoàn cơ sở Phòng Cảnh sát QLHC về TTXH', 'PC06', ['Đội Căn cước', 'Đội Cư trú']),
			grassroots('Đoàn cơ sở Công an huyện Tuần Giáo', 'CA Tuần Giáo', ['Đội Cảnh sát QLHC', 'Công an xã Ta Ma'])
		]
	},
	{
		name: 'Đoàn Thanh niên Bộ Chỉ huy Quân sự tỉnh',
		shortName: 'Quân sự tỉnh',
		children: [
			grassroots('Đoàn cơ sở Cơ quan Bộ Chỉ huy', 'Cơ quan BCH', ['Phòng Tham mưu', 'Phòng Chính trị']),
			grassroots('Đoàn cơ sở Trung đoàn 851', 'Trung đoàn 851', ['Đại đội 1', 'Đại đội 5'])
		]
	}
];

export const FAMILY_NAMES = [
	'Nguyễn',
	'Trần',
	'Lò',
	'Quàng',
	'Lường',
	'Vàng',
	'Giàng',
	'Sùng',
	'Thào',
	'Lý',
	'Cà',
	'Tòng',
	'Hoàng',
	'Phạm',
	'Lê',
	'Đặng',
	'Mùa',
	'Lầu',
	'Chá',
	'Bùi'
];
export const MIDDLE_NAMES = ['Văn', 'Thị', 'A', 'Seo', 'Minh', 'Đức', 'Thu', 'Ngọc', 'Thanh', 'Hữu'];
export const GIVEN_NAMES = [
	'An',
	'Bình',
	'Chiến',
	'Dung',
	'Hoa',
	'Lan',
	'Mai',
	'Nam',
	'Phong',
	'Quân',
	'Sính',
	'Vân',
	'Xuân',
	'Dế',
	'Páo',
	'Chư',
	'Khánh',
	'Hương',
	'Tú',
	'Linh',
	'Cường',
	'Hạnh',
	'Long',
	'Thắm'
];

/**
 * The UBND tỉnh's campaign (seed 002) in the demo: owned by a root unit of its own, and joined (with their
 * subtrees) by two district unions, the provincial agencies' union and one commune union of the Tỉnh đoàn's
 * tree. Their units take part in both campaigns; every other unit only in the Tỉnh đoàn's.
 */
export const GOVERNMENT = { name: 'UBND tỉnh Điện Biên', shortName: 'UBND tỉnh' };
export const JOINING_GOVERNMENT_CAMPAIGN = [
	'Huyện đoàn Tuần Giáo',
	'Thành đoàn Điện Biên Phủ',
	'Đoàn Khối các cơ quan và doanh nghiệp tỉnh',
	'Đoàn xã Keo Lôm'
];
/** Approved demo initiatives in the UBND tỉnh's campaign. */
export const GOVERNMENT_WORK = 36;
