DELETE FROM items WHERE v = 'obsolete';
