ALTER TYPE mood RENAME TO feeling;
ALTER TYPE feeling RENAME VALUE 'sad' TO 'blue';
