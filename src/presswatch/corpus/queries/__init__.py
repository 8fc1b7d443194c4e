"""Reading the corpus: each module answers one kind of question over an open connection.

    lookups    find and resolve entities by id or by any name, in any script
    dossier    everything about one entity
    quotes     quotes by, about, in, between dates
    search     full-text search over articles, quotes and names
    stories    articles about one event across outlets
    documents  stored articles back as `analyze` documents, mentions, counts
    browse     one article by id; pages of articles, entities, near-duplicate groups
    outlets    who each outlet quotes, by kind (the web's outlet comparison)
    comentions how often a few entities are named together (the dossier's network)
    quote_refs quotes by their search reference (the search page)

They only read; `Corpus` (presswatch.corpus) is their public face."""
