CREATE TABLE `unit_tag_assignments` (
	`campaign_id` integer NOT NULL,
	`tag_code` text NOT NULL,
	`unit_id` integer NOT NULL,
	PRIMARY KEY(`campaign_id`, `tag_code`, `unit_id`),
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `campaigns` ADD `unit_tags` text;