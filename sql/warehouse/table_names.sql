select table_name from information_schema.tables order by 1;
