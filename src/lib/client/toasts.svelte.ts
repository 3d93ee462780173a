export interface Toast {
	id: number;
	text: string;
	tone: 'good' | 'info';
}

/** Short messages that slide in and leave by themselves (rank moves, new badges). */
class Toasts {
	items = $state<Toast[]>([]);
	private next = 1;

	push(text: string, tone: Toast['tone'] = 'info', ms = 6000): void {
		const id = this.next++;
		this.items = [...this.items.slice(-2), { id, text, tone }];
		setTimeout(() => this.dismiss(id), ms);
	}

	dismiss(id: number): void {
		this.items = this.items.filter((toast) => toast.id !== id);
	}
}

export const toasts = new Toasts();
