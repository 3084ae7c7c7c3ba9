-- Staging: published articles, one row each, with the columns the marts read.
with source as (
    select * from articles
),

final as (
    select
        article_id,
        source_path,
        title,
        outlet,
        author,
        cast(published_date as date) as published_date,
        cast(ingested_at as date) as ingested_date,
        language,
        word_count
    from source
)

select * from final;

comment on view stg_articles is 'Staging: published articles with the columns the marts read.';
comment on column stg_articles.article_id is 'The article (articles.article_id).';
comment on column stg_articles.source_path is 'The file it came from.';
comment on column stg_articles.title is 'Headline, when the page states one.';
comment on column stg_articles.outlet is 'Publisher, when stated.';
comment on column stg_articles.author is 'By-line, when stated.';
comment on column stg_articles.published_date is 'Publication date, when stated.';
comment on column stg_articles.ingested_date is 'Day this version was loaded.';
comment on column stg_articles.language is 'ISO 639-1 language of the story.';
comment on column stg_articles.word_count is 'Words in the body.';
