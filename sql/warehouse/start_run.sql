-- A run left 'running' belongs to a process that died; then the new run's row.
update runs set status = 'abandoned', finished_at = $now, error = 'the process ended before the run finished'
where status = 'running';
insert into runs (run_id, flow_run_id, started_at, status, source, rules_version, reprocess)
select coalesce(max(run_id), 0) + 1, $flow_run_id, $now, 'running', $source, $rules_version, $reprocess from runs;
select max(run_id) from runs;
