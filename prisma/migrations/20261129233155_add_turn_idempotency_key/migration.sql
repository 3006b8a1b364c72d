-- AlterTable
ALTER TABLE "turns" ADD COLUMN     "idempotency_key" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "turns_org_id_agent_id_idempotency_key_key" ON "turns"("org_id", "agent_id", "idempotency_key");
