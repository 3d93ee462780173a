-- Every ledger row names the campaign whose rules priced it, so two campaigns sharing a period code never
-- meet on a board. Existing rows take their initiative's campaign (through its activity type); the append-only
-- trigger is lifted for this one backfill and put back in the same migration.
ALTER TABLE `point_entries` ADD `campaign_id` integer NOT NULL DEFAULT 0;--> statement-breakpoint
DROP TRIGGER point_entries_no_update;--> statement-breakpoint
UPDATE `point_entries` SET `campaign_id` = coalesce((
	SELECT t.`campaign_id` FROM `initiatives` i JOIN `activity_types` t ON t.`id` = i.`activity_type_id`
	WHERE i.`id` = `point_entries`.`initiative_id`
), (SELECT min(`id`) FROM `campaigns`), 0);--> statement-breakpoint
CREATE TRIGGER point_entries_no_update BEFORE UPDATE ON point_entries
BEGIN
	SELECT RAISE(ABORT, 'point_entries is append-only');
END;--> statement-breakpoint
CREATE INDEX `point_entries_campaign_idx` ON `point_entries` (`campaign_id`);
