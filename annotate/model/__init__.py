"""A trained PER/ORG sequence model (linear-chain CRF) that works alongside the rules.

    spans.py     ScoredSpan: a model span with its confidence               (pure)
    features.py  token features, BIO projection of character spans          (pure)
    examples.py  training/tagging sequences from texts, CoNLL and gold      (reads files)
    crf.py       train a weights file, tag with marginals (python-crfsuite) (reads/writes it)
    combine.py   the rules/model combination policy                         (pure)
    folder.py    the model folder: weights, meta.json, MODEL_CARD.md        (reads/writes)
    train.py     `annotate train`: sweep on dev, choose the policy, write   (reads/writes)
    ner.py       CrfModel: spans, confidences, uncertainty, entities        (reads the folder)

See docs/model.md.
"""
