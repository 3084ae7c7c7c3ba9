select source_path, size_bytes, mtime_ns, content_sha256, status, duplicate_of, first_seen_run, rules_version
from files;
