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
citra_dbt_project.prepare_if_dev()
if not citra_dbt_project.manifest_path.exists():
    citra_dbt_project.preparer.prepare(citra_dbt_project)


@dbt_assets(manifest=citra_dbt_project.manifest_path, project=citra_dbt_project, pool=WRITER_POOL)
def citra_dbt_models(context: dg.AssetExecutionContext, dbt: DbtCliResource):
    """Seeds, staging, intermediate and mart models of the warehouse, with their dbt tests."""
    yield from dbt.cli(["build"], context=context).stream()
