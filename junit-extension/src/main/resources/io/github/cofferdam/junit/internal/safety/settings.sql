-- The settings that change how PostgreSQL prints definitions and values, the search path last.
concat_ws('|', current_setting('DateStyle'), current_setting('IntervalStyle'),
  current_setting('TimeZone'), current_setting('extra_float_digits'),
  current_setting('search_path'))
