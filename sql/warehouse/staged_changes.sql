select count(*) from stage_replaced;
