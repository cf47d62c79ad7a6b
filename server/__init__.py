"""The central server: HTTP API, database, blob storage, admin command line. No Qt."""
