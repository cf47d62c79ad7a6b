"""The photo pipeline: blob store, metadata, thumbnails, import. No Qt."""
