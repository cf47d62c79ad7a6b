"""The office's review (审核): the queue of submitted inspections, accept or return."""
