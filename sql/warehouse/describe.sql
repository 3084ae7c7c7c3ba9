-- Every column of every table and view with its meaning (the comments the migrations and views set):
-- tables first, then views.
with relations as (
    select 'table' as kind, table_name as relation, comment as about
    from duckdb_tables() where schema_name = 'main' and database_name = current_database()
    union all
    select 'view', view_name, comment
    from duckdb_views() where schema_name = 'main' and not internal and database_name = current_database()
),

final as (
    select r.kind, r.relation, r.about, c.column_name as "column", c.data_type as type,
           c.comment as meaning, c.column_index
    from relations as r
    inner join duckdb_columns() as c
        on c.table_name = r.relation and c.schema_name = 'main' and c.database_name = current_database()
)

select * from final order by kind, relation, column_index;
