"""Updates from the county's server (issue 17): learn of a newer installer at sync, download it
from the server (resumable), verify it, let the user install it. Never an internet address."""
