CREATE TABLE "scheduled_runs" (
	"job" text PRIMARY KEY NOT NULL,
	"last_run_on" date NOT NULL
);
--> statement-breakpoint
CREATE INDEX "action_items_open_due_idx" ON "action_items" USING btree ("due_date") WHERE "action_items"."status" in ('open', 'in_progress');--> statement-breakpoint
CREATE INDEX "action_items_due_idx" ON "action_items" USING btree ("due_date");