-- Core tables of the article pipeline. Applied once, in a transaction, and recorded in schema_migrations.

-- One row per flow run. status: running -> completed | failed; a run left 'running' by a killed process
-- is marked 'abandoned' by the next run.
create table runs (
    run_id            bigint primary key,
    flow_run_id       varchar,
    started_at        timestamptz not null,
    finished_at       timestamptz,
    status            varchar not null,
    source            varchar not null,
    files_seen        integer not null default 0,
    files_new         integer not null default 0,
    files_changed     integer not null default 0,
    files_unchanged   integer not null default 0,
    files_removed     integer not null default 0,
    files_duplicate   integer not null default 0,
    files_quarantined integer not null default 0,
    error             varchar
);

-- The manifest: every file ever seen, with what it is now. Updated in the same transaction as the rows
-- the file produced, so a killed run leaves each file either fully loaded or untouched.
create table files (
    source_path      varchar primary key,   -- relative to the source folder
    size_bytes       bigint not null,
    mtime_ns         bigint not null,
    content_sha256   varchar not null,
    status           varchar not null,      -- article | duplicate | quarantined | removed
    article_id       varchar,               -- set while status = 'article'
    duplicate_of     varchar,               -- source_path of the article with the same content
    first_seen_run   bigint not null,
    last_changed_run bigint not null,
    removed_run      bigint
);

create table articles (
    article_id     varchar primary key,
    source_path    varchar not null unique,
    content_sha256 varchar not null,
    title          varchar,
    title_source   varchar,                 -- repeated | header | first_sentence
    author         varchar,
    published_date date,
    outlet         varchar,
    dateline       varchar,
    body           varchar not null,
    word_count     integer not null,
    language       varchar not null,
    encoding       varchar not null,
    ingested_at    timestamptz not null,
    run_id         bigint not null
);

-- Files that could not become articles, one row per file while it stays that way.
create table quarantine (
    source_path    varchar primary key,
    content_sha256 varchar,
    reason         varchar not null,        -- empty | too_large | binary | undecodable | unreadable | no_article_text
    detail         varchar,
    run_id         bigint not null,
    quarantined_at timestamptz not null
);

-- One row per expectation per table per run.
create table validation_results (
    run_id         bigint not null,
    table_name     varchar not null,
    expectation    varchar not null,
    column_name    varchar,
    success        boolean not null,
    observed_value varchar,
    severity       varchar not null,        -- critical | warning
    validated_at   timestamptz not null
);
