-- AlterTable: added nullable, filled from each attempt's turn, then required,
-- so a database that already holds attempts migrates in place.
ALTER TABLE "attempts" ADD COLUMN     "agent_id" TEXT,
ADD COLUMN     "created_at" TIMESTAMP(3);

UPDATE "attempts" a SET "agent_id" = t."agent_id", "created_at" = t."created_at" FROM "turns" t WHERE t."id" = a."turn_id";

ALTER TABLE "attempts" ALTER COLUMN "agent_id" SET NOT NULL,
ALTER COLUMN "created_at" SET NOT NULL;

-- CreateIndex
CREATE INDEX "attempts_org_id_agent_id_created_at_label_outcome_latency_m_idx" ON "attempts"("org_id", "agent_id", "created_at" DESC, "label", "outcome", "latency_ms", "skipped");
