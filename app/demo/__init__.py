"""The demo county and its month of inspections, notices and reviews, made through the real APIs.
No Qt.
"""
