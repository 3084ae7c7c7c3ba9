insert or replace into run_stages (run_id, stage, seconds, items)
select $run_id, stage, seconds, items from batch_stages;
