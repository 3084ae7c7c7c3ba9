-- Each article with what the text states about it, and the run that loaded it.
select left(title, 50) as title, author, published_date, outlet, dateline, word_count, title_source, run_id
from articles
order by source_path
