-- Every address of an email channel made before recipients were confirmed
-- becomes a recipient waiting for confirmation: no alert goes to it until an
-- admin sends it a link from the Settings page and its owner confirms.
INSERT INTO "alert_recipients" ("id", "org_id", "channel_id", "email")
SELECT gen_random_uuid()::text, c."org_id", c."id", e.email
FROM "alert_channels" c
CROSS JOIN LATERAL unnest(c."emails") AS e(email)
WHERE c."kind" = 'email'
ON CONFLICT ("channel_id", "email") DO NOTHING;
