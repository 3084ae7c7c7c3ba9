-- A file of a type Wirehouse does not read (a .pdf, a .docx) is quarantined without being read, so that a
-- user sees it was left out.
comment on column quarantine.reason is 'empty, binary, too_large, undecodable, unreadable, no_article_text; for entries never read: symlink, not_regular_file, vanished, bad_name, not_an_article_file.';
