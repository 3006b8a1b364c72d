-- CreateEnum
CREATE TYPE "InvitationDelivery" AS ENUM ('link', 'emailed', 'not_sent');

-- AlterTable
ALTER TABLE "invitations" ADD COLUMN     "delivery" "InvitationDelivery" NOT NULL DEFAULT 'link';
