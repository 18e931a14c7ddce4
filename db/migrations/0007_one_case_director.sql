-- "1 gezin, 1 plan, 1 regisseur". A case that already has more than one case director keeps the
-- one added first; the others become professionals (they stay members and keep what they may read).
UPDATE "case_members" AS m SET "role" = 'professional'
WHERE m."role" = 'caseDirector' AND EXISTS (
  SELECT 1 FROM "case_members" AS o
  WHERE o."case_id" = m."case_id" AND o."role" = 'caseDirector'
    AND (o."created_at", o."user_id") < (m."created_at", m."user_id")
);--> statement-breakpoint
CREATE UNIQUE INDEX "case_members_one_case_director_idx" ON "case_members" USING btree ("case_id") WHERE "case_members"."role" = 'caseDirector';
