"""prefect.yaml declares a nightly deployment whose entrypoint is the real flow."""
import importlib

import yaml
from cronsim import CronSim
from datetime import datetime

from conftest import ROOT


def test_nightly_deployment_points_at_the_flow_and_runs_at_two_utc():
    config = yaml.safe_load((ROOT / "prefect.yaml").read_text())
    (deployment,) = config["deployments"]
    path, func = deployment["entrypoint"].split(":")
    module = importlib.import_module(path.removesuffix(".py").replace("/", "."))
    flow = getattr(module, func)
    assert flow.name == deployment["name"]
    (schedule,) = deployment["schedules"]
    assert schedule["timezone"] == "UTC"
    nxt = next(CronSim(schedule["cron"], datetime(2026, 11, 27, 12, 0)))
    assert (nxt.hour, nxt.minute, nxt.day) == (2, 0, 28)
    assert deployment["work_pool"]["name"] == "newsfacts-process"
    assert set(deployment["parameters"]) <= set(flow.parameters.properties)
