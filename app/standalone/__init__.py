"""A county without a server: a laptop set up from the organisation workbook, and its join."""
