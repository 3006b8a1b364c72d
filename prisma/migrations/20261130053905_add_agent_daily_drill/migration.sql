-- AlterTable
ALTER TABLE "agents" ADD COLUMN     "daily_drill" BOOLEAN NOT NULL DEFAULT false;
