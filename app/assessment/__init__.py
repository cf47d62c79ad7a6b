"""The office's scores: the month's and quarter's ranking view (统计通报), its rules,
the trend chart.
"""
