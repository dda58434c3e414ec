-- Settings for the connection of one write (db.writing), for that session only: the
-- app's readers on other cursors keep theirs. Rows may be stored in another order
-- than they were read in: a write then appends them from both threads at once instead
-- of in one ordered stream (bench/write.py). Nothing depends on the order rows are
-- stored in: every query that shows rows orders them, and a statement whose order
-- matters (the derived tables, by day) says ORDER BY, which DuckDB keeps.
SET SESSION preserve_insertion_order = false;
