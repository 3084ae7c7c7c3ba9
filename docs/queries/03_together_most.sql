-- Which entities appear together most (articles in common, then sentences in common)?
select name_a, name_b, articles, sentences
from entity_cooccurrence
order by articles desc, sentences desc, name_a, name_b
limit 10
