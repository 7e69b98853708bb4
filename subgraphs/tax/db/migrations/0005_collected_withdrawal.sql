ALTER TABLE `tax_violation_persons` ADD `withdrawn_on` date;--> statement-breakpoint
ALTER TABLE `tax_violation_persons` ADD `withdrawal_reason` varchar(300);