"""The dossier's core: schema, loading, validation, index, the words a fact reads in, and the renderers. No MkDocs import here."""
