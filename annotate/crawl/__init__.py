"""The crawl pipeline: pages in, parsed, filtered, near-duplicates clustered, Documents out."""
