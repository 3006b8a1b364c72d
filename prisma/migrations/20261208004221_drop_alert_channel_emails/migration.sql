-- AlterTable
ALTER TABLE "alert_channels" DROP COLUMN "emails";
