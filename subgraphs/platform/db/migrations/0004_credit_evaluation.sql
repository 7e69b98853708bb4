CREATE TABLE `evaluation_grades` (
	`scheme` varchar(40) NOT NULL,
	`grade` enum('A','B','C','D') NOT NULL,
	`label` varchar(40) NOT NULL,
	`min_score` smallint NOT NULL,
	`inspection_ratio` decimal(5,4) NOT NULL,
	CONSTRAINT `evaluation_grades_scheme_grade_pk` PRIMARY KEY(`scheme`,`grade`)
);
--> statement-breakpoint
CREATE TABLE `evaluation_indicators` (
	`scheme` varchar(40) NOT NULL,
	`code` varchar(40) NOT NULL,
	`name` varchar(200) NOT NULL,
	`counts` varchar(40) NOT NULL,
	`points_per_record` smallint NOT NULL,
	`max_points` smallint NOT NULL,
	`forces_grade` enum('A','B','C','D'),
	`position` smallint NOT NULL,
	CONSTRAINT `evaluation_indicators_scheme_code_pk` PRIMARY KEY(`scheme`,`code`)
);
--> statement-breakpoint
CREATE TABLE `evaluation_results` (
	`uscc` char(18) NOT NULL,
	`region` char(6) NOT NULL,
	`scheme` varchar(40) NOT NULL,
	`grade` enum('A','B','C','D') NOT NULL,
	`score` int NOT NULL,
	`as_of` date NOT NULL,
	`evaluated_at` datetime(3) NOT NULL,
	CONSTRAINT `evaluation_results_uscc` PRIMARY KEY(`uscc`)
);
--> statement-breakpoint
CREATE TABLE `evaluation_schemes` (
	`code` varchar(40) NOT NULL,
	`name` varchar(200) NOT NULL,
	`base_score` smallint NOT NULL,
	`active` boolean NOT NULL,
	`basis` text NOT NULL,
	CONSTRAINT `evaluation_schemes_code` PRIMARY KEY(`code`)
);
--> statement-breakpoint
CREATE INDEX `evaluation_results_grade_region` ON `evaluation_results` (`grade`,`region`,`uscc`);