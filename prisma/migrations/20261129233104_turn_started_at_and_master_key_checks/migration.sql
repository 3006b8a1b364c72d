-- AlterTable
ALTER TABLE "turns" ADD COLUMN     "started_at" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "master_key_checks" (
    "version" INTEGER NOT NULL,
    "check_cipher" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "master_key_checks_pkey" PRIMARY KEY ("version")
);
