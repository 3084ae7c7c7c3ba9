-- A source entry quarantined without being read (a symbolic link, a FIFO, an unreadable file, one that
-- vanished mid-run) has no content hash; its manifest row keeps its size and mtime for change detection.
alter table files alter column content_sha256 drop not null;
comment on column files.content_sha256 is 'SHA-256 of the file''s bytes; null for an entry quarantined without being read.';
comment on column quarantine.content_sha256 is 'SHA-256 of the file''s bytes; null for an entry quarantined without being read.';
comment on column quarantine.reason is 'empty, binary, too_large, undecodable, unreadable, no_article_text; for entries never read: symlink, not_regular_file, vanished, bad_name.';
