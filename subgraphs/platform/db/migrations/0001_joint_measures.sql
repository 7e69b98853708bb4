CREATE TABLE `joint_measures` (
	`code` varchar(40) NOT NULL,
	`name` varchar(200) NOT NULL,
	`kind` enum('PUNISHMENT','REWARD') NOT NULL,
	`effect` enum('BAR','RESTRICT','FAVOUR') NOT NULL,
	`content` text NOT NULL,
	`trigger_list_types` varchar(500) NOT NULL,
	`contexts` varchar(300) NOT NULL,
	`basis` text NOT NULL,
	`scope` enum('NATIONAL','LOCAL') NOT NULL,
	`region` varchar(6),
	CONSTRAINT `joint_measures_code` PRIMARY KEY(`code`)
);
--> statement-breakpoint
CREATE TABLE `list_types` (
	`code` varchar(40) NOT NULL,
	`name` varchar(100) NOT NULL,
	`colour` enum('RED','BLACK','WARNING') NOT NULL,
	`department` varchar(32) NOT NULL,
	`basis` text NOT NULL,
	CONSTRAINT `list_types_code` PRIMARY KEY(`code`)
);
