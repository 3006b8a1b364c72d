-- AlterEnum
ALTER TYPE "AgentStatus" ADD VALUE 'stopping';
