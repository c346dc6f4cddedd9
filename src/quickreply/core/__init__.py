"""Pure core: packs, templates, search, paste sequence. No Qt, no OS input libraries."""
