-- Saved prognose scenarios (kept in their own small DuckDB file beside the data).
CREATE TABLE IF NOT EXISTS scenario (
    naam         VARCHAR PRIMARY KEY,
    instellingen JSON      NOT NULL,
    opgeslagen   TIMESTAMP NOT NULL
);
