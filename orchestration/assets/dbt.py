"""The dbt project as Dagster assets: `dbt build` runs models, seeds and their tests.

dbt tests appear as asset checks on the models they test; an error-severity test that fails
stops the models downstream of it, and the run (and `citra build`) fails.
"""


import dagster as dg
from dagster_dbt import DbtCliResource, DbtProject, dbt_assets

from orchestration.assets.media import WRITER_POOL
from orchestration.settings import REPO_ROOT, apply_defaults

apply_defaults()

citra_dbt_project = DbtProject(project_dir=REPO_ROOT, profiles_dir=REPO_ROOT)


def manifest_is_stale(project: DbtProject) -> bool:
    """True when a model, seed, macro or the project file changed after the last `dbt parse`."""
    if not project.manifest_path.exists():
        return True
    built = project.manifest_path.stat().st_mtime
    sources = [REPO_ROOT / "dbt_project.yml", REPO_ROOT / "profiles.yml"]
    sources += [p for p in (REPO_ROOT / "dbt_project").rglob("*") if p.is_file()]
    return any(p.stat().st_mtime > built for p in sources if p.exists())


citra_dbt_project.prepare_if_dev()
if manifest_is_stale(citra_dbt_project):
    citra_dbt_project.preparer.prepare(citra_dbt_project)


@dbt_assets(manifest=citra_dbt_project.manifest_path, project=citra_dbt_project, pool=WRITER_POOL)
def citra_dbt_models(context: dg.AssetExecutionContext, dbt: DbtCliResource):
    """Seeds, staging, intermediate and mart models of the warehouse, with their dbt tests."""
    yield from dbt.cli(["build"], context=context).stream()
