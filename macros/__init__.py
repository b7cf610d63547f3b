"""The dossier's core: schema, loading, validation, index and views. No MkDocs import here."""
