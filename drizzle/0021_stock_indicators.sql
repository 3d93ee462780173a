CREATE TABLE `stock_values` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`campaign_id` integer NOT NULL,
	`unit_id` integer NOT NULL,
	`indicator_code` text NOT NULL,
	`on_day` text NOT NULL,
	`value` real NOT NULL,
	`entered_by` integer NOT NULL,
	`entered_at` integer NOT NULL,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`entered_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `stock_values_idx` ON `stock_values` (`campaign_id`,`indicator_code`,`unit_id`,`on_day`);--> statement-breakpoint
ALTER TABLE `campaigns` ADD `stock_indicators` text;