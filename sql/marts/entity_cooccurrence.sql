-- Pairs of entities mentioned in the same articles (each pair once, entity_id_a < entity_id_b).
with mentions as (
    select distinct article_id, field, sentence_index, entity_id from stg_entity_mentions
),

in_articles as (
    select
        a.entity_id as entity_id_a,
        b.entity_id as entity_id_b,
        count(distinct a.article_id) as articles
    from mentions as a
    inner join mentions as b on a.article_id = b.article_id and a.entity_id < b.entity_id
    group by 1, 2
),

in_sentences as (
    select
        a.entity_id as entity_id_a,
        b.entity_id as entity_id_b,
        count(distinct (a.article_id, a.field, a.sentence_index)) as sentences
    from mentions as a
    inner join mentions as b
        on a.article_id = b.article_id and a.field = b.field and a.sentence_index = b.sentence_index
        and a.entity_id < b.entity_id
    group by 1, 2
),

entities as (
    select entity_id, name, entity_type from stg_entities where entity_id = canonical_id
),

final as (
    select
        in_articles.entity_id_a,
        ea.name as name_a,
        ea.entity_type as type_a,
        in_articles.entity_id_b,
        eb.name as name_b,
        eb.entity_type as type_b,
        in_articles.articles,
        coalesce(in_sentences.sentences, 0) as sentences
    from in_articles
    left join in_sentences using (entity_id_a, entity_id_b)
    inner join entities as ea on ea.entity_id = in_articles.entity_id_a
    inner join entities as eb on eb.entity_id = in_articles.entity_id_b
)

select * from final;

comment on view entity_cooccurrence is 'Pairs of canonical entities mentioned in the same articles (each pair once, entity_id_a < entity_id_b).';
comment on column entity_cooccurrence.entity_id_a is 'The first entity of the pair (the smaller id).';
comment on column entity_cooccurrence.name_a is 'Its canonical name.';
comment on column entity_cooccurrence.type_a is 'Its type.';
comment on column entity_cooccurrence.entity_id_b is 'The second entity of the pair.';
comment on column entity_cooccurrence.name_b is 'Its canonical name.';
comment on column entity_cooccurrence.type_b is 'Its type.';
comment on column entity_cooccurrence.articles is 'Published articles mentioning both.';
comment on column entity_cooccurrence.sentences is 'Sentences (headline included) mentioning both.';
