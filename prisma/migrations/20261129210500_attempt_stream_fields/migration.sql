-- An attempt records how much of the answer it streamed before it broke off,
-- and whether it was asked to continue an answer another attempt broke off.

-- AlterTable
ALTER TABLE "attempts" ADD COLUMN     "continued" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "delivered" INTEGER NOT NULL DEFAULT 0;
