select run_id, status, coalesce(published, false) as published, error from runs order by run_id desc limit 1;
