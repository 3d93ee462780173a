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

/** How a process that cannot listen ends, so that a cluster's primary stops instead of starting it again. */
export const CANNOT_LISTEN_EXIT_CODE = 78;

/**
 * What the server says when it cannot listen: the port is taken (often a second `npm start`) or not allowed to this
 * user, and what to do about it. Null for any other error (it is thrown as it is).
 */
export function cannotListen(config: Pick<Config, 'host' | 'port'>, code: string | undefined): string | null {
	const where = `${config.host}:${config.port}`;
	if (code === 'EADDRINUSE')
		return (
			`Không mở được Tiên Phong: cổng ${config.port} (${where}) đang được một chương trình khác dùng — có thể Tiên Phong đã chạy ở cửa sổ khác.\n` +
			`  Dừng chương trình đó, hoặc chọn cổng khác, ví dụ: PORT=3001 npm start`
		);
	if (code === 'EACCES')
		return (
			`Không mở được Tiên Phong: tài khoản này không được dùng cổng ${config.port} (${where}).\n` +
			`  Chọn cổng từ 1024 trở lên, ví dụ: PORT=3000 npm start`
		);
	return null;
}
