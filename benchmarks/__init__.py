"""Benchmarks (`make bench`): never part of `make test`; they print ratios against a baseline
measured in the same command, on the same machine."""
