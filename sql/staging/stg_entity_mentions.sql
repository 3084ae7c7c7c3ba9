-- Staging: mentions pointing at canonical entities.
with mentions as (
    select * from entity_mentions
),

entities as (
    select entity_id, canonical_id from stg_entities
),

final as (
    select
        mentions.mention_id,
        mentions.article_id,
        entities.canonical_id as entity_id,
        mentions.mention_type,
        mentions.text,
        mentions.field,
        mentions.sentence_index
    from mentions
    inner join entities using (entity_id)
)

select * from final;

comment on view stg_entity_mentions is 'Staging: mentions with their canonical entity.';
comment on column stg_entity_mentions.mention_id is 'The mention (entity_mentions.mention_id).';
comment on column stg_entity_mentions.article_id is 'The article it is in.';
comment on column stg_entity_mentions.entity_id is 'The canonical entity (merges followed).';
comment on column stg_entity_mentions.mention_type is 'person, organization, country, nationality, place or group, as mentioned.';
comment on column stg_entity_mentions.text is 'The surface form.';
comment on column stg_entity_mentions.field is 'title or body.';
comment on column stg_entity_mentions.sentence_index is 'Sentence number in the field.';
