"""Runs the pipeline /etc/sluice/gong-to-postgres.json every day with the sluice of the release
tarball, installed on the workers as /opt/sluice. The secrets (GONG_ACCESS_KEY,
GONG_ACCESS_KEY_SECRET, DATABASE_URL) come from the workers' environment, which the task inherits.

Needs Airflow 3, or Airflow 2.11 with apache-airflow-providers-standard.
"""

import pendulum
from airflow import DAG
from airflow.providers.standard.operators.bash import BashOperator

with DAG(
    dag_id="sluice_gong_activity",
    schedule="15 6 * * *",
    start_date=pendulum.datetime(2024, 1, 1, tz="UTC"),
    catchup=False,
    max_active_runs=1,
):
    BashOperator(
        task_id="sluice_run",
        bash_command="exec /opt/sluice/bin/sluice run /etc/sluice/gong-to-postgres.json",
        cwd="/var/lib/sluice",
        # 3: the day's Gong quota is spent (the next run resumes); 4: another run holds the lock.
        # Either leaves the task skipped, not failed.
        skip_on_exit_code=[3, 4],
        retries=2,
        retry_delay=pendulum.duration(minutes=10),
    )
