"""Documents: the rectification notice (and later the bulletin) as PDF, print and .docx."""
