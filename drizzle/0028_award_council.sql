CREATE TABLE `award_council_members` (
	`campaign_id` integer NOT NULL,
	`seat` integer NOT NULL,
	`name` text NOT NULL,
	`position` text NOT NULL,
	PRIMARY KEY(`campaign_id`, `seat`),
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `council_reviews` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`campaign_id` integer NOT NULL,
	`period_id` integer NOT NULL,
	`form_code` text NOT NULL,
	`held_on` text NOT NULL,
	`minutes` text NOT NULL,
	`seats` integer NOT NULL,
	`created_by` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`period_id`) REFERENCES `periods`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `council_votes` (
	`review_id` integer NOT NULL,
	`nomination_id` integer NOT NULL,
	`seat` integer NOT NULL,
	`member_name` text NOT NULL,
	`member_position` text NOT NULL,
	`vote` text NOT NULL,
	PRIMARY KEY(`review_id`, `nomination_id`, `seat`),
	FOREIGN KEY (`review_id`) REFERENCES `council_reviews`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`nomination_id`) REFERENCES `nominations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `nominations` ADD `review_id` integer;