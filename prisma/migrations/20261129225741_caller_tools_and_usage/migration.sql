-- API callers' own tools and parameters (agent switches, the turn's options,
-- the tool calls handed back, image parts) and tokens per attempt.

-- CreateEnum
CREATE TYPE "CallerSystemPolicy" AS ENUM ('drop', 'append');

-- AlterTable
ALTER TABLE "agents" ADD COLUMN     "caller_params" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "caller_system" "CallerSystemPolicy" NOT NULL DEFAULT 'drop';

-- AlterTable
ALTER TABLE "attempts" ADD COLUMN     "input_tokens" INTEGER,
ADD COLUMN     "output_tokens" INTEGER;

-- AlterTable
ALTER TABLE "messages" ADD COLUMN     "images" JSONB;

-- AlterTable
ALTER TABLE "turns" ADD COLUMN     "caller_options" JSONB,
ADD COLUMN     "tool_calls" JSONB;
