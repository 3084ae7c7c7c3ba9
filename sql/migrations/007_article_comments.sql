-- What the article columns mean now that pages are cleaned by headline and story finding, and HTML goes
-- through trafilatura (issue 10), and what a quarantine reason can be.
comment on column articles.title is 'The page''s own headline, when one is found (a title-shaped line above the story whose words recur in its lead, or the title an HTML page declares and shows); null rather than a menu item or the lead sentence.';
comment on column articles.title_source is 'How the title was found: headline_line (flattened text), html_meta, html_heading or html_title (HTML); null when there is none.';
comment on column articles.language is 'ISO 639-1 language of the story text (not of the page''s menus), from stop words.';
comment on column articles.body is 'The story text: paragraphs apart by a blank line, list items on adjacent lines; NFC.';
comment on column articles.outlet is 'Publisher, when stated (site name of an HTML page, copyright line, signature domain, agency in the dateline).';
