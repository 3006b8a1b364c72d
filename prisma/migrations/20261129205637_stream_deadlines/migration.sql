-- Streaming answers: a link's whole-call timeout becomes two deadlines that
-- judge silence (before the first token, then between tokens), and an agent
-- gets a turn budget and a policy for an answer that breaks off.

-- CreateEnum
CREATE TYPE "AnswerBreakPolicy" AS ENUM ('continue_on_backup', 'end_with_error');

-- AlterTable
ALTER TABLE "agents" ADD COLUMN     "on_break" "AnswerBreakPolicy" NOT NULL DEFAULT 'continue_on_backup',
ADD COLUMN     "turn_budget_ms" INTEGER NOT NULL DEFAULT 600000;

-- AlterTable: each existing link keeps its timeout as its first token timeout.
-- A rename carries every row's value, where the generated DROP + ADD would lose
-- them (and fail on a table with rows). Existing links get the default stall
-- timeout. No semicolons in these comments: the wasm engine's pg adapter splits
-- a migration on every semicolon.
ALTER TABLE "chain_links" RENAME COLUMN "timeout_ms" TO "first_token_timeout_ms";
ALTER TABLE "chain_links" ADD COLUMN     "stall_timeout_ms" INTEGER NOT NULL DEFAULT 30000;
