-- AlterTable
ALTER TABLE "turns" ADD COLUMN     "finish_reason" TEXT;
