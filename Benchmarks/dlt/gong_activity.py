"""The baseline of `sluice-bench dlt`: Gong's day-by-day activity into PostgreSQL with dlt's
`rest_api` source, the same work as the Sluice pipeline it is measured against.

One pass over the API, in windows of `--window-days` from `--from-date` (inclusive) to `--to-date`
(exclusive): POST /v2/stats/activity/day-by-day with the window in the JSON body's `filter`, the
cursor of `records.cursor` sent back in the body's `cursor`, Basic auth. Two `dlt.transformer`s
flatten each page of users into a per-day table (the fifteen counts of Sluice's flatten.perDay)
and a per-call table (flatten.perCall), both written with `merge` on Sluice's upsert keys.

PostgreSQL comes from the libpq variables PGHOST, PGPORT, PGUSER, PGPASSWORD and PGDATABASE.
At its end it prints one JSON line, `{"message": "run finished", "peakMemoryMB": ..., ...}`:
the peak is the process's own VmHWM (not getrusage, which after posix_spawn's vfork counts the
parent's peak too).
"""

import time

STARTED = time.monotonic()

import argparse  # noqa: E402
import datetime  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402
import urllib.parse  # noqa: E402

# Before dlt is imported: no telemetry.
os.environ.setdefault("RUNTIME__DLTHUB_TELEMETRY", "false")

import dlt  # noqa: E402
from dlt.sources.rest_api import rest_api_resources  # noqa: E402

IMPORTED = time.monotonic()

# Gong's fifteen lists, in the spec's order, with the column of their count (GongActivitySchema).
ACTIVITIES = [
    ("callsAsHost", "calls_as_host"),
    ("callsGaveFeedback", "calls_gave_feedback"),
    ("callsRequestedFeedback", "calls_requested_feedback"),
    ("callsReceivedFeedback", "calls_received_feedback"),
    ("ownCallsListenedTo", "own_calls_listened_to"),
    ("othersCallsListenedTo", "others_calls_listened_to"),
    ("callsSharedInternally", "calls_shared_internally"),
    ("callsSharedExternally", "calls_shared_externally"),
    ("callsAttended", "calls_attended"),
    ("callsCommentsGiven", "calls_comments_given"),
    ("callsCommentsReceived", "calls_comments_received"),
    ("callsMarkedAsFeedbackGiven", "calls_marked_as_feedback_given"),
    ("callsMarkedAsFeedbackReceived", "calls_marked_as_feedback_received"),
    ("callsScorecardsFilled", "calls_scorecards_filled"),
    ("callsScorecardsReceived", "calls_scorecards_received"),
]

# The columns Sluice's flatten transforms start every row with, typed as Sluice types them.
DAY_COLUMNS = {
    "user_id": {"data_type": "text", "nullable": False},
    "user_email": {"data_type": "text"},
    "day": {"data_type": "date", "nullable": False},
    "day_start": {"data_type": "timestamp"},
    "day_end": {"data_type": "timestamp"},
}
PER_DAY_COLUMNS = {**DAY_COLUMNS, **{column: {"data_type": "bigint"} for _, column in ACTIVITIES}}
PER_CALL_COLUMNS = {
    **DAY_COLUMNS,
    "activity": {"data_type": "text", "nullable": False},
    "call_id": {"data_type": "text", "nullable": False},
}


def windows(from_date, to_date, days):
    """The windows of Sluice's gong.activity source: `days` long, the last one cut at `to_date`."""
    start = from_date
    while start < to_date:
        end = min(start + datetime.timedelta(days=days), to_date)
        yield {"from_date": start.isoformat(), "to_date": end.isoformat()}
        start = end


def day_rows(user):
    """The user's days: who, which day (the date of fromDate as Gong wrote it), and the stats."""
    user_id = str(user["userId"])
    email = user.get("userEmailAddress")
    for stats in user.get("userDailyActivityStats") or []:
        start = stats["fromDate"]
        yield {"user_id": user_id, "user_email": email, "day": start[:10], "day_start": start, "day_end": stats["toDate"]}, stats


@dlt.transformer(name="per_day", write_disposition="merge", primary_key=("user_id", "day"), columns=PER_DAY_COLUMNS)
def per_day(users):
    """flatten.perDay: one row per user and day, with one count per activity."""
    rows = []
    for user in users:
        for row, stats in day_rows(user):
            for name, column in ACTIVITIES:
                row[column] = len(stats.get(name) or ())
            rows.append(row)
    yield rows


@dlt.transformer(
    name="per_call", write_disposition="merge", primary_key=("user_id", "day", "activity", "call_id"), columns=PER_CALL_COLUMNS
)
def per_call(users):
    """flatten.perCall: one row per user, day, activity and call id."""
    rows = []
    for user in users:
        for day, stats in day_rows(user):
            for name, _ in ACTIVITIES:
                for call_id in stats.get(name) or ():
                    rows.append({**day, "activity": name, "call_id": str(call_id)})
    yield rows


@dlt.source(name="gong")
def gong_activity(base_url, access_key, access_key_secret, from_date, to_date, window_days):
    """The rest_api source of the day-by-day endpoint, one request chain per window, and the two
    flattening transformers fed from it (dlt reads each page once for both)."""

    @dlt.resource(name="windows", selected=False)
    def window_list():
        yield list(windows(from_date, to_date, window_days))

    resources = rest_api_resources(
        {
            "client": {
                "base_url": base_url,
                "auth": {"type": "http_basic", "username": access_key, "password": access_key_secret},
            },
            "resources": [
                window_list,
                {
                    "name": "activity",
                    "selected": False,
                    "endpoint": {
                        "path": "v2/stats/activity/day-by-day",
                        "method": "POST",
                        "json": {
                            "filter": {"fromDate": "{resources.windows.from_date}", "toDate": "{resources.windows.to_date}"}
                        },
                        "paginator": {"type": "cursor", "cursor_path": "records.cursor", "cursor_body_path": "cursor"},
                        "data_selector": "usersDetailedActivities",
                        # Gong's way of saying that no user had activity in the window.
                        "response_actions": [
                            {"status_code": 404, "content": "found corresponding to the provided filters", "action": "ignore"}
                        ],
                    },
                },
            ],
        }
    )
    activity = next(resource for resource in resources if resource.name == "activity")
    return [*resources, activity | per_day, activity | per_call]


def postgres_url():
    """A connection URL from the libpq variables."""
    user = urllib.parse.quote(os.environ.get("PGUSER", "postgres"), safe="")
    # dlt insists on a password; a server with `trust` authentication (the benchmark's) ignores it.
    password = urllib.parse.quote(os.environ.get("PGPASSWORD") or "unused", safe="")
    host = os.environ.get("PGHOST", "127.0.0.1")
    port = os.environ.get("PGPORT", "5432")
    database = os.environ.get("PGDATABASE", "postgres")
    return f"postgresql://{user}:{password}@{host}:{port}/{database}"


def peak_megabytes():
    """This process's peak resident memory (VmHWM), in MB."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--access-key", required=True)
    parser.add_argument("--access-key-secret", required=True)
    parser.add_argument("--from-date", type=datetime.date.fromisoformat, required=True)
    parser.add_argument("--to-date", type=datetime.date.fromisoformat, required=True)
    parser.add_argument("--window-days", type=int, default=30)
    parser.add_argument("--dataset", required=True, help="The PostgreSQL schema of the two tables.")
    parser.add_argument("--pipelines-dir", required=True, help="dlt's working folder (state, load packages).")
    parser.add_argument("--loader-file-format", default=None, help="dlt's file format for the load (its default when absent).")
    arguments = parser.parse_args()

    started = time.monotonic()
    pipeline = dlt.pipeline(
        pipeline_name="bench_gong_activity",
        pipelines_dir=arguments.pipelines_dir,
        destination=dlt.destinations.postgres(credentials=postgres_url()),
        dataset_name=arguments.dataset,
    )
    source = gong_activity(
        arguments.base_url.rstrip("/") + "/",
        arguments.access_key,
        arguments.access_key_secret,
        arguments.from_date,
        arguments.to_date,
        arguments.window_days,
    )
    info = pipeline.run(source, loader_file_format=arguments.loader_file_format)
    info.raise_on_failed_jobs()
    trace = pipeline.last_trace
    print(json.dumps({
        "message": "run finished",
        "seconds": round(time.monotonic() - started, 3),
        "importSeconds": round(IMPORTED - STARTED, 3),
        "steps": {step.step: round((step.finished_at - step.started_at).total_seconds(), 3) for step in trace.steps},
        "peakMemoryMB": round(peak_megabytes(), 1),
        "dlt": dlt.__version__,
    }), flush=True)


if __name__ == "__main__":
    sys.exit(main())
