-- prisma migrate dev, made re-runnable (Cofferdam applies every migration twice)
-- CreateEnum
DO $$ BEGIN
  CREATE TYPE "OrderStatus" AS ENUM ('PENDING', 'PAID', 'REFUNDED');
EXCEPTION WHEN duplicate_object THEN NULL;
END $$;

-- CreateTable
CREATE TABLE IF NOT EXISTS "Order" (
    "id" SERIAL NOT NULL,
    "status" "OrderStatus" NOT NULL DEFAULT 'PENDING',
    "total" DECIMAL(10,2) NOT NULL,

    CONSTRAINT "Order_pkey" PRIMARY KEY ("id")
);

-- added by hand: the refund the payment webhook calls
CREATE OR REPLACE FUNCTION refund_order(order_id integer) RETURNS void LANGUAGE sql AS $$
  UPDATE "Order" SET "status" = 'REFUNDED' WHERE "id" = order_id;
$$;
