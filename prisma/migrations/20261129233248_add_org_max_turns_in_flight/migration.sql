-- AlterTable
ALTER TABLE "organizations" ADD COLUMN     "max_turns_in_flight" INTEGER;
