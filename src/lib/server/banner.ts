import { reachableFromNetwork, type Config } from './config';
import type { Started } from './startup';

/** What the server prints once it listens: where, with what, and how to sign in (one block, one write). */
export function startupBanner(config: Config, started: Started): string {
	const shown = config.origin ?? `http://${shownHost(config.host)}:${config.port}`;
	const lines = [
		`Tiên Phong ${config.version} đang chạy tại ${shown}`,
		`  cơ sở dữ liệu: ${config.databasePath}`,
		`  Redis: ${config.redisUrl ? 'bật' : 'tắt (không cần máy chủ nào khác)'}`
	];
	if (config.workers > 1) lines.push(`  Tiến trình phục vụ: ${config.workers} (WORKERS), chung một cổng và một tệp cơ sở dữ liệu`);
	if (started.demoLogins.length > 0) {
		lines.push(
			reachableFromNetwork(config)
				? `  Máy chủ mở cho các máy khác (HOST=${config.host}): tài khoản mẫu dùng mật khẩu ngẫu nhiên, chỉ in ra lần này.`
				: '  Chỉ máy này truy cập được (HOST=127.0.0.1). Đặt HOST=0.0.0.0 để mở cho mạng LAN: khi đó mật khẩu mẫu được thay bằng mật khẩu ngẫu nhiên.'
		);
		lines.push('  Tài khoản mẫu (tên đăng nhập · mật khẩu · vai trò):');
		for (const a of started.demoLogins) lines.push(`    ${a.username.padEnd(10)} ${(a.password ?? '(đã đổi)').padEnd(18)} ${a.note}`);
	}
	if (started.setupToken) {
		lines.push(
			'  Chưa có quản trị viên: mở đường dẫn dưới đây (dùng một lần) để tạo đơn vị gốc và tài khoản quản trị cấp tỉnh đầu tiên.',
			`  Thiết lập lần đầu: ${shown}/thiet-lap/${started.setupToken}`
		);
	}
	return lines.join('\n');
}

/** The host to print in links: a wildcard or loopback address is shown as localhost. */
function shownHost(host: string): string {
	if (host === '0.0.0.0' || host === '::' || host === '127.0.0.1' || host === '::1') return 'localhost';
	return host.includes(':') ? `[${host}]` : host;
}
