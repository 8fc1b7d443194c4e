"""The pipeline stages, in order: clean -> metadata -> entities -> quotes.

Each stage is a plain function over plain data:

| stage     | function                      | takes                               | returns                         |
|-----------|-------------------------------|-------------------------------------|---------------------------------|
| clean     | clean.clean                   | decoded text                        | Cleaned (text, removed, title)  |
| metadata  | metadata.extract_metadata     | Cleaned, HTML metadata, source      | Metadata                        |
| entities  | entities.link_entities        | spaCy Doc of the cleaned text       | [Entity], {span: entity id}     |
| quotes    | quotes.extract_quotes         | Doc, [Entity], {span: entity id}    | [Quote]                         |
"""
