"""Evidence on screen: photo viewers and the evidence browser, markup, watermarks, thumbnails,
strips, the import job, originals from the server, the evidence package.
"""
