"""Official documents: the rectification notice and the bulletin as PDF (Qt) and .docx, the month's
workbook (.xlsx).
"""
