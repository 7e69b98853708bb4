ALTER TABLE `annual_reports` ADD `withdrawn_on` date;--> statement-breakpoint
ALTER TABLE `annual_reports` ADD `withdrawal_reason` varchar(300);--> statement-breakpoint
ALTER TABLE `inspections` ADD `withdrawn_on` date;--> statement-breakpoint
ALTER TABLE `inspections` ADD `withdrawal_reason` varchar(300);