"""Rectification notices (整改通知): the list and detail, issuing, 签收, follow-up steps
to 销号, the overdue view.
"""
