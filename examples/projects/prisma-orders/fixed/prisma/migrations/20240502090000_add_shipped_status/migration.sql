-- SHIPPED added, REFUNDED kept (refund_order() writes it)
-- AlterEnum
ALTER TYPE "OrderStatus" ADD VALUE IF NOT EXISTS 'SHIPPED';
