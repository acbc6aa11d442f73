ALTER TABLE parcels RENAME TO packages;
