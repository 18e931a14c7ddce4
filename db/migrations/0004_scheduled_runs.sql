CREATE TABLE "scheduled_runs" (
	"job" text PRIMARY KEY NOT NULL,
	"last_run_on" date NOT NULL
);
