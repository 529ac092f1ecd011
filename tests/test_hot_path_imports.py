"""What a process pays at start: loading the Dagster definitions imports no report renderer,
and the `citra` command line imports no Dagster until a command needs it.

Every Dagster process (`citra build`, the code server of `dagster dev`, each run worker the
landing sensor starts) imports the definitions; WeasyPrint and matplotlib cost about a second
there and only the monthly report needs them, so `reporting.render` and `reporting.sections`
import them inside the functions that draw and print. Great Expectations and scikit-learn are
imported where a suite runs or a model is trained. Every `citra` command (`--help`, a build with
nothing new) imports the command modules to build its parser; Dagster and dagster-dbt took 5 s
of that until `citra status` imported them where it reads the instance. A fresh interpreter is
needed: in the test process other tests have imported all of these.
"""

from __future__ import annotations

import json
import subprocess
import sys

# the libraries that only the report, the expectation suites and model training need
HEAVY = ("weasyprint", "matplotlib", "great_expectations", "sklearn")

LOAD_DEFINITIONS = """
import json, sys
from orchestration.definitions import load_defs
load_defs().resolve_job_def("citra_build")
loaded = {name: name in sys.modules for name in json.loads(sys.argv[1])}
# the same interpreter, once a chart module is imported: shows the check can see the libraries
import reporting.charts
print(json.dumps({"definitions": loaded, "after_charts": "matplotlib" in sys.modules}))
"""


def test_definitions_load_without_report_renderer_or_gx() -> None:
    proc = subprocess.run(
        [sys.executable, "-c", LOAD_DEFINITIONS, json.dumps(HEAVY)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    imported = sorted(name for name, loaded in result["definitions"].items() if loaded)
    assert imported == [], f"loading the Dagster definitions imported {imported}: import them where they are used"
    assert result["after_charts"] is True


CLI_PARSER = """
import json, sys
import orchestration.cli
print(json.dumps({name: name in sys.modules for name in json.loads(sys.argv[1])}))
"""


def test_citra_command_line_imports_no_dagster_before_a_command_needs_it() -> None:
    proc = subprocess.run(
        [sys.executable, "-c", CLI_PARSER, json.dumps(("dagster", "dagster_dbt", *HEAVY))],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    imported = sorted(name for name, loaded in json.loads(proc.stdout.strip().splitlines()[-1]).items() if loaded)
    assert imported == [], f"importing the citra command line imported {imported}: import them in the command"
