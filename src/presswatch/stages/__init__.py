"""The pipeline stages, in order: clean -> metadata -> (spaCy) -> entities -> quotes.

Each stage is a plain function over plain data; `presswatch.pipeline` runs
them, and `presswatch.corpus` adds the last step, linking across articles.

| stage     | entry point                     | takes                              | returns                          |
|-----------|---------------------------------|------------------------------------|----------------------------------|
| clean     | clean.clean                     | decoded text, may it have a title  | Cleaned (text, removed, offsets) |
| metadata  | metadata.extract_metadata       | Cleaned, HTML metadata, source     | Metadata (with provenance)       |
| entities  | entities.link_entities          | spaCy Doc of the cleaned text      | [Entity], {span: entity id}      |
| quotes    | quotes.extract_quotes           | Doc, [Entity], {span: entity id}   | [Quote]                          |

Shared by clean and metadata: `lines` (a line's shape: words, sentence form,
script) and `byline` (bylines, translator credits, dates as written).
"""
