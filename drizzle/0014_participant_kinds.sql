CREATE TABLE `contributors` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`campaign_id` integer NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`collective` integer NOT NULL,
	`unit_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	`created_by` integer,
	`search_name` text NOT NULL,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `contributors_name_idx` ON `contributors` (`campaign_id`,`unit_id`,`kind`,`search_name`);--> statement-breakpoint
CREATE INDEX `contributors_unit_idx` ON `contributors` (`unit_id`);--> statement-breakpoint
CREATE TABLE `initiative_contributors` (
	`initiative_id` integer NOT NULL,
	`contributor_id` integer NOT NULL,
	FOREIGN KEY (`initiative_id`) REFERENCES `initiatives`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`contributor_id`) REFERENCES `contributors`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `initiative_contributors_pk` ON `initiative_contributors` (`initiative_id`,`contributor_id`);--> statement-breakpoint
CREATE INDEX `initiative_contributors_contributor_idx` ON `initiative_contributors` (`contributor_id`);