"""Stage 3: rule packs as data, the cited law, and the generic engine that matches them."""
