ALTER TABLE inventory_transactions DROP CONSTRAINT IF EXISTS inventory_transactions_reference_type_check;
ALTER TABLE inventory_transactions ADD CONSTRAINT inventory_transactions_reference_type_check
  CHECK (reference_type IN (
    'purchase_order', 'purchase_order_item', 'program_item',
    'member_program_item_schedule', 'count_session', 'manual_adjustment', 'return'));
