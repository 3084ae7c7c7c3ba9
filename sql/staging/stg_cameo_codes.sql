-- Staging: CAMEO codes with their root's name.
with codes as (
    select * from cameo_codes
),

final as (
    select
        codes.cameo_code,
        codes.name as cameo_name,
        codes.cameo_root,
        roots.name as cameo_root_name,
        cast(codes.quad_class as integer) as quad_class
    from codes
    left join codes as roots on roots.cameo_code = codes.cameo_root
)

select * from final;

comment on view stg_cameo_codes is 'Staging: CAMEO event codes with the name of their root code.';
comment on column stg_cameo_codes.cameo_code is 'CAMEO event code.';
comment on column stg_cameo_codes.cameo_name is 'What the code means.';
comment on column stg_cameo_codes.cameo_root is 'Its root code.';
comment on column stg_cameo_codes.cameo_root_name is 'What the root code means.';
comment on column stg_cameo_codes.quad_class is 'QuadClass 1-4.';
