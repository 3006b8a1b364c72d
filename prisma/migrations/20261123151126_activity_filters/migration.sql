-- AlterTable
ALTER TABLE "activity_events" ADD COLUMN     "credential_ids" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- CreateIndex
CREATE INDEX "activity_events_org_id_type_created_at_id_idx" ON "activity_events"("org_id", "type", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "activity_events_org_id_severity_created_at_id_idx" ON "activity_events"("org_id", "severity", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "activity_events_credential_ids_idx" ON "activity_events" USING GIN ("credential_ids");
