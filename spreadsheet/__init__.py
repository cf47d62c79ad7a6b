"""Reading a received spreadsheet into sheets of text cells: the one reader of every import of a
file the office or an administrator was given (the client's hotline cases and composite scores,
`ducha-server import` of units, zones and users).

Why a package of its own: the client (app/) and the server (server/) both read these files, and
neither may import the other; domain/ holds pure rules without I/O, and this reads files. It
imports no Qt and knows no import's rules: it says what is in the file, or why the file cannot be
read (`TableError.kind`, with the sheet, row and column where there is one), and each import
names that in its own words and language.
"""
