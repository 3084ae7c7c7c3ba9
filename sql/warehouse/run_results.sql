-- The validation results of the last run that validated (a run with nothing to do validates nothing).
select run_id, table_name, expectation, column_name, success, observed_value, severity
from validation_results
where run_id = (select max(run_id) from validation_results where run_id <= $run_id)
order by table_name, expectation, column_name;
