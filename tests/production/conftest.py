"""The tests of a real replica and a real Redis run where those exist: .ci/run starts both.

They are collected only when DATABASE_REPLICA_URLS (the replicas of DATABASE_URL) and
CATALOGUE_TEST_REDIS_URL (a Redis the tests may write to, under a prefix of their own) are set.
"""

import os

collect_ignore = []
if not os.environ.get("DATABASE_REPLICA_URLS"):
    collect_ignore.append("test_replicas.py")
if not os.environ.get("CATALOGUE_TEST_REDIS_URL"):
    collect_ignore.append("test_shared_cache.py")
