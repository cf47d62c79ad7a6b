"""Visit plans (抽查) on the offices laptops: the plans commitments and revealed plans."""
