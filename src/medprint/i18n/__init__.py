"""The document's language beyond its citations: CSL locale terms and medprint's own translated labels."""
