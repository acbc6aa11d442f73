-- and one outside a transaction, which discards everything the session had
DISCARD ALL;
