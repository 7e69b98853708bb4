CREATE TABLE `annual_reports` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`uscc` char(18) NOT NULL,
	`source_department` varchar(100) NOT NULL,
	`source_id` varchar(64) NOT NULL,
	`year` smallint NOT NULL,
	`submitted_on` date NOT NULL,
	`published_on` date,
	`employees` int,
	`total_assets` decimal(18,2),
	`total_liabilities` decimal(18,2),
	`revenue` decimal(18,2),
	`net_profit` decimal(18,2),
	`tax_paid` decimal(18,2),
	CONSTRAINT `annual_reports_id` PRIMARY KEY(`id`),
	CONSTRAINT `annual_reports_source` UNIQUE(`source_department`,`source_id`),
	CONSTRAINT `annual_reports_uscc_year` UNIQUE(`uscc`,`year`)
);
--> statement-breakpoint
CREATE TABLE `demo_loads` (
	`seed` varchar(64) NOT NULL,
	`entities` int unsigned NOT NULL,
	`loaded_at` varchar(30) NOT NULL,
	CONSTRAINT `demo_loads_seed` PRIMARY KEY(`seed`)
);
--> statement-breakpoint
CREATE TABLE `entities` (
	`uscc` char(18) NOT NULL,
	`name` varchar(200) NOT NULL,
	`entity_type` enum('ENTERPRISE','INDIVIDUAL_BUSINESS','FARMER_COOPERATIVE','SOCIAL_ORGANISATION','PUBLIC_INSTITUTION','GOVERNMENT_BODY') NOT NULL,
	`legal_representative` varchar(100),
	`legal_representative_id_number` char(18),
	`registered_capital` decimal(18,2),
	`registered_capital_currency` char(3),
	`established_on` date,
	`registering_authority` varchar(100) NOT NULL,
	`region_code` char(6) NOT NULL,
	`address` varchar(300),
	`business_scope` text,
	`status` enum('ACTIVE','REVOKED','CANCELLED','MOVED_OUT') NOT NULL,
	`status_changed_on` date,
	CONSTRAINT `entities_uscc` PRIMARY KEY(`uscc`)
);
--> statement-breakpoint
CREATE TABLE `inspections` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`uscc` char(18) NOT NULL,
	`source_department` varchar(100) NOT NULL,
	`source_id` varchar(64) NOT NULL,
	`task_name` varchar(200) NOT NULL,
	`authority` varchar(100) NOT NULL,
	`inspected_on` date NOT NULL,
	`result` enum('NO_PROBLEMS','PROBLEMS_ORDERED_CORRECTED','UNDISCLOSED_INFORMATION','NOT_FOUND_AT_ADDRESS','REFERRED_FOR_FOLLOW_UP') NOT NULL,
	`published_on` date,
	`notes` text,
	CONSTRAINT `inspections_id` PRIMARY KEY(`id`),
	CONSTRAINT `inspections_source` UNIQUE(`source_department`,`source_id`)
);
--> statement-breakpoint
CREATE TABLE `legacy_identifiers` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`uscc` char(18) NOT NULL,
	`kind` enum('ORGANISATION_CODE','REGISTRATION_NUMBER') NOT NULL,
	`value` varchar(20) NOT NULL,
	CONSTRAINT `legacy_identifiers_id` PRIMARY KEY(`id`),
	CONSTRAINT `legacy_identifiers_kind_value` UNIQUE(`kind`,`value`)
);
--> statement-breakpoint
CREATE TABLE `licences` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`uscc` char(18) NOT NULL,
	`source_department` varchar(100) NOT NULL,
	`source_id` varchar(64) NOT NULL,
	`licence_number` varchar(64) NOT NULL,
	`title` varchar(200) NOT NULL,
	`category` varchar(20) NOT NULL,
	`content` text,
	`authority` varchar(100) NOT NULL,
	`decided_on` date NOT NULL,
	`published_on` date,
	`valid_from` date NOT NULL,
	`valid_to` date,
	CONSTRAINT `licences_id` PRIMARY KEY(`id`),
	CONSTRAINT `licences_source` UNIQUE(`source_department`,`source_id`)
);
--> statement-breakpoint
CREATE TABLE `listings` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`uscc` char(18) NOT NULL,
	`list` enum('ABNORMAL_OPERATIONS','SERIOUS_VIOLATION') NOT NULL,
	`source_department` varchar(100) NOT NULL,
	`source_id` varchar(64) NOT NULL,
	`reason` varchar(300) NOT NULL,
	`authority` varchar(100) NOT NULL,
	`listed_on` date NOT NULL,
	`removed_on` date,
	`removal_reason` varchar(300),
	CONSTRAINT `listings_id` PRIMARY KEY(`id`),
	CONSTRAINT `listings_source` UNIQUE(`source_department`,`source_id`)
);
--> statement-breakpoint
CREATE TABLE `penalties` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`uscc` char(18) NOT NULL,
	`source_department` varchar(100) NOT NULL,
	`source_id` varchar(64) NOT NULL,
	`decision_number` varchar(64) NOT NULL,
	`violation_type` varchar(100) NOT NULL,
	`facts` text NOT NULL,
	`basis` varchar(300) NOT NULL,
	`penalty_types` varchar(200) NOT NULL,
	`fine_amount` decimal(18,2),
	`confiscated_amount` decimal(18,2),
	`severity` enum('MINOR','GENERAL','SERIOUS') NOT NULL,
	`authority` varchar(100) NOT NULL,
	`decided_on` date NOT NULL,
	`published_on` date,
	CONSTRAINT `penalties_id` PRIMARY KEY(`id`),
	CONSTRAINT `penalties_source` UNIQUE(`source_department`,`source_id`)
);
--> statement-breakpoint
CREATE INDEX `entities_name_uscc` ON `entities` (`name`,`uscc`);--> statement-breakpoint
CREATE INDEX `entities_region_name_uscc` ON `entities` (`region_code`,`name`,`uscc`);--> statement-breakpoint
CREATE INDEX `inspections_uscc` ON `inspections` (`uscc`);--> statement-breakpoint
CREATE INDEX `legacy_identifiers_uscc` ON `legacy_identifiers` (`uscc`);--> statement-breakpoint
CREATE INDEX `licences_uscc` ON `licences` (`uscc`);--> statement-breakpoint
CREATE INDEX `listings_uscc` ON `listings` (`uscc`);--> statement-breakpoint
CREATE INDEX `penalties_uscc` ON `penalties` (`uscc`);