CREATE TABLE `campaign_units` (
	`campaign_id` integer NOT NULL,
	`unit_id` integer NOT NULL,
	`joined_on` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`campaign_id`, `unit_id`),
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `campaign_units_unit_idx` ON `campaign_units` (`unit_id`);