-- The file's block size and block count as its header states them (a shorter file is truncated).
select block_size, total_blocks from pragma_database_size();
