-- CreateEnum
CREATE TYPE "AlertChannelKind" AS ENUM ('webhook', 'slack', 'email');

-- CreateEnum
CREATE TYPE "AlertRule" AS ENUM ('all_failed', 'needs_attention', 'circuit', 'failover_rate', 'drill_failed');

-- CreateEnum
CREATE TYPE "AlertDeliveryKind" AS ENUM ('alert', 'resolved', 'test');

-- CreateEnum
CREATE TYPE "AlertDeliveryStatus" AS ENUM ('pending', 'delivered', 'failed');

-- CreateTable
CREATE TABLE "alert_channels" (
    "id" TEXT NOT NULL,
    "org_id" TEXT NOT NULL,
    "kind" "AlertChannelKind" NOT NULL,
    "name" TEXT NOT NULL,
    "url_cipher" TEXT,
    "url_hint" TEXT,
    "secret_cipher" TEXT,
    "emails" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "key_version" INTEGER NOT NULL,
    "created_by_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "alert_channels_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "alert_settings" (
    "org_id" TEXT NOT NULL,
    "disabled_rules" "AlertRule"[] DEFAULT ARRAY[]::"AlertRule"[],
    "failover_rate_percent" INTEGER NOT NULL DEFAULT 20,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "alert_settings_pkey" PRIMARY KEY ("org_id")
);

-- CreateTable
CREATE TABLE "alert_incidents" (
    "id" TEXT NOT NULL,
    "org_id" TEXT NOT NULL,
    "agent_id" TEXT NOT NULL,
    "rule" "AlertRule" NOT NULL,
    "credential_id" TEXT,
    "model" TEXT,
    "label" TEXT,
    "open_key" TEXT,
    "detail" JSONB,
    "opened_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "opened_by_event_id" TEXT NOT NULL,
    "resolved_at" TIMESTAMP(3),
    "resolved_by_event_id" TEXT,

    CONSTRAINT "alert_incidents_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "alert_deliveries" (
    "id" TEXT NOT NULL,
    "org_id" TEXT NOT NULL,
    "channel_id" TEXT NOT NULL,
    "incident_id" TEXT,
    "kind" "AlertDeliveryKind" NOT NULL,
    "status" "AlertDeliveryStatus" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_status_code" INTEGER,
    "last_error" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,
    "delivered_at" TIMESTAMP(3),

    CONSTRAINT "alert_deliveries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "alert_cursors" (
    "id" TEXT NOT NULL,
    "last_created_at" TIMESTAMP(3) NOT NULL,
    "last_event_id" TEXT NOT NULL,

    CONSTRAINT "alert_cursors_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "alert_channels_key_version_idx" ON "alert_channels"("key_version");

-- CreateIndex
CREATE UNIQUE INDEX "alert_channels_org_id_name_key" ON "alert_channels"("org_id", "name");

-- CreateIndex
CREATE INDEX "alert_incidents_org_id_rule_resolved_at_idx" ON "alert_incidents"("org_id", "rule", "resolved_at");

-- CreateIndex
CREATE UNIQUE INDEX "alert_incidents_org_id_open_key_key" ON "alert_incidents"("org_id", "open_key");

-- CreateIndex
CREATE INDEX "alert_deliveries_org_id_created_at_idx" ON "alert_deliveries"("org_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "alert_deliveries_status_updated_at_idx" ON "alert_deliveries"("status", "updated_at");

-- CreateIndex
CREATE UNIQUE INDEX "alert_deliveries_incident_id_channel_id_kind_key" ON "alert_deliveries"("incident_id", "channel_id", "kind");

-- AddForeignKey
ALTER TABLE "alert_channels" ADD CONSTRAINT "alert_channels_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alert_channels" ADD CONSTRAINT "alert_channels_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alert_settings" ADD CONSTRAINT "alert_settings_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alert_incidents" ADD CONSTRAINT "alert_incidents_agent_id_fkey" FOREIGN KEY ("agent_id") REFERENCES "agents"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alert_deliveries" ADD CONSTRAINT "alert_deliveries_channel_id_fkey" FOREIGN KEY ("channel_id") REFERENCES "alert_channels"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alert_deliveries" ADD CONSTRAINT "alert_deliveries_incident_id_fkey" FOREIGN KEY ("incident_id") REFERENCES "alert_incidents"("id") ON DELETE CASCADE ON UPDATE CASCADE;
