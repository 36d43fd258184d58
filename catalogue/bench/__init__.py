"""Benchmarks: the synthetic collection's writer, timing over HTTP and the load run."""
