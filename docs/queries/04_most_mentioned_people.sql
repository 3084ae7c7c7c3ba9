-- The most mentioned people, with the names they go by.
select name, mentions, articles, aliases
from entity_profile
where entity_type = 'person'
order by mentions desc, name
limit 8
