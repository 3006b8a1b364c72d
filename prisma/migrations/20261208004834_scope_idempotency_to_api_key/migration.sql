-- DropIndex
DROP INDEX "turns_org_id_agent_id_idempotency_key_key";

-- AlterTable
ALTER TABLE "turns" ADD COLUMN     "api_key_id" TEXT,
ADD COLUMN     "request_hash" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "turns_org_id_api_key_id_idempotency_key_key" ON "turns"("org_id", "api_key_id", "idempotency_key");
