select table_name, expectation, column_name, success, observed_value, severity
from validation_results
where run_id = $run_id
order by table_name, expectation, column_name;
