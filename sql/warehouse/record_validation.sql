insert into validation_results by name select * from batch_results;
