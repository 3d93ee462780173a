CREATE TABLE `external_scores` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`campaign_id` integer NOT NULL,
	`index_code` text NOT NULL,
	`year` integer NOT NULL,
	`unit_id` integer NOT NULL,
	`score` real,
	`rank` integer,
	`imported_by` integer NOT NULL,
	`imported_at` integer NOT NULL,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`imported_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `external_scores_idx` ON `external_scores` (`campaign_id`,`index_code`,`year`,`unit_id`);--> statement-breakpoint
ALTER TABLE `campaigns` ADD `external_indices` text;