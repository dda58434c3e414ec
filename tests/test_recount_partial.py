"""db.recount with a set of gemeenten counts only those afresh, and stays equal to a full count."""

import duckdb
from conftest import derived_contents

from dashboard.store.db import ensure_schema, recount

ROW = "INSERT INTO plaatsingen VALUES (?, ?, ?, 'beschut_werk', ?, ?, 20, 'W', 1000)"


def test_partial_recount_equals_full_and_leaves_others(tmp_path):
    con = duckdb.connect(str(tmp_path / "t.duckdb"))
    ensure_schema(con)
    for i, (g, p, start, end) in enumerate(
        [
            ("GM0001", "a", "2022-01-10", None),
            ("GM0001", "b", "2022-03-01", "2022-06-30"),
            ("GM0002", "c", "2022-02-01", None),
            ("GM0002", "d", "2022-02-15", "2023-01-31"),
        ]
    ):
        con.execute(ROW, [f"p{i}", p, g, start, end])
    recount(con, plaatsingen=True)
    # GM0001 changes: person b removed, a new placement moves the month-end range earlier
    con.execute("DELETE FROM plaatsingen WHERE persoon_id = 'b'")
    con.execute(ROW, ["p9", "e", "GM0001", "2020-05-01", "2020-07-31"])
    recount(con, plaatsingen=True, gemeenten={"GM0001"})
    partial = derived_contents(con)
    con.begin()
    recount(con, plaatsingen=True)
    assert derived_contents(con) == partial
    con.rollback()
    # a marker in GM0002's rows survives a recount of GM0001 alone
    con.execute("UPDATE dienstverband SET eerste_dag = DATE '1999-01-01' WHERE gemeente = 'GM0002'")
    recount(con, plaatsingen=True, gemeenten={"GM0001"})
    days = con.execute("SELECT eerste_dag FROM dienstverband WHERE gemeente = 'GM0002'").fetchall()
    assert days and all(str(d[0]) == "1999-01-01" for d in days)
    con.close()
