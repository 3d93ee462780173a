/** The open-data API's OpenAPI 3.1 description (pure: the server's origin is passed in). */
export function openApiDocument(origin: string) {
	const queryParams = [
		{ name: 'phong-trao', in: 'query', description: 'Mã phong trào (slug); mặc định là phong trào đầu tiên.', schema: { type: 'string' } },
		{ name: 'don-vi', in: 'query', description: 'Mã số đơn vị gốc; mặc định là đơn vị chủ trì phong trào.', schema: { type: 'integer' } },
		{ name: 'ky', in: 'query', description: 'Mã kỳ (ví dụ Y2026, Q2026-3).', schema: { type: 'string' } },
		{
			name: 'den-ngay',
			in: 'query',
			description: 'Ngày chốt số liệu, YYYY-MM-DD; mặc định là hôm nay.',
			schema: { type: 'string', format: 'date' }
		}
	];
	const cached = {
		ETag: { description: 'Phiên bản của dữ liệu; gửi lại trong If-None-Match để nhận 304.', schema: { type: 'string' } },
		'Cache-Control': { description: 'public, max-age=60', schema: { type: 'string' } }
	};
	const ifNoneMatch = { name: 'If-None-Match', in: 'header', required: false, schema: { type: 'string' } };
	const num = { type: 'number' };
	const int = { type: 'integer' };
	const str = { type: 'string' };
	return {
		openapi: '3.1.0',
		info: {
			title: 'Tiên Phong — dữ liệu mở',
			version: '1',
			description: 'Số liệu tổng hợp công khai của các phong trào thi đua (như trang /so-lieu). Không có dữ liệu cá nhân.'
		},
		servers: [{ url: origin }],
		paths: {
			'/api/v1/so-lieu': {
				get: {
					summary: 'Số liệu tổng hợp của một đơn vị trong một kỳ (JSON)',
					parameters: [...queryParams, ifNoneMatch],
					responses: {
						'200': {
							description: 'Số liệu',
							headers: cached,
							content: { 'application/json': { schema: { $ref: '#/components/schemas/Figures' } } }
						},
						'304': { description: 'Không đổi so với If-None-Match', headers: cached },
						'404': { description: 'Không có phong trào này' }
					}
				}
			},
			'/api/v1/so-lieu.csv': {
				get: {
					summary: 'Bảng số liệu theo chỉ tiêu (CSV, UTF-8 có BOM)',
					parameters: [...queryParams, ifNoneMatch],
					responses: {
						'200': { description: 'CSV', headers: cached, content: { 'text/csv': { schema: { type: 'string' } } } },
						'304': { description: 'Không đổi so với If-None-Match', headers: cached },
						'404': { description: 'Không có phong trào này' }
					}
				}
			}
		},
		components: {
			schemas: {
				Figures: {
					type: 'object',
					required: [
						'campaign',
						'period',
						'unit',
						'cutoffDay',
						'works',
						'members',
						'measures',
						'worksByLevel',
						'teams',
						'children',
						'months'
					],
					properties: {
						campaign: { type: 'object', properties: { slug: str, name: str } },
						period: {
							type: 'object',
							properties: { code: str, name: str, startsOn: { type: 'string', format: 'date' }, endsOn: { type: 'string', format: 'date' } }
						},
						unit: { type: 'object', properties: { id: int, name: str, levelCode: str } },
						cutoffDay: { type: 'string', format: 'date' },
						works: { type: 'object', properties: { approved: int, pending: int } },
						members: int,
						measures: {
							type: 'array',
							items: {
								type: 'object',
								properties: {
									contentArea: str,
									activityType: str,
									measure: str,
									label: str,
									unit: str,
									approved: num,
									reported: num,
									works: int,
									pending: num
								}
							}
						},
						worksByLevel: { type: 'array', items: { type: 'object', properties: { level: str, label: str, count: int } } },
						teams: {
							type: 'array',
							items: { type: 'object', properties: { kind: str, label: str, level: str, teams: int, members: int } }
						},
						children: {
							type: 'array',
							items: {
								type: 'object',
								properties: { id: int, name: str, level: str, works: int, measures: { type: 'object', additionalProperties: num } }
							}
						},
						months: { type: 'array', items: { type: 'object', properties: { month: str, works: int } } }
					}
				}
			}
		}
	} as const;
}
