"""Crawl scale: from a crawl of pages to Parquet shards of pre-annotated Documents.

    readers    stream pages from WARC, JSON Lines, Parquet and folders, in a fixed order
    work       one shard's work (parse, drop non-articles and other languages, pre-annotate,
               duplicate fingerprints); the same on every executor
    engines    where shards run: in-process, local worker processes, Ray
    dedup      exact and near-duplicate keys and clusters (MinHash)
    pipeline   `crawl`: read -> shards -> engine -> duplicates in input order -> Parquet
    shards     the output folder: shards, done markers, run manifest, stats.json
    stats      the per-stage counts
    command    the `annotate crawl` command
    baseline   the plain single-process loop the benchmark compares the pipeline with
    select     `annotate select`: the next batch to annotate, from the canonical articles
    batch      reading the crawl output and writing the batch for `annotate select`

docs/scale.md explains the design (stages, shards, executors, resume).
"""
