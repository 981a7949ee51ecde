"""Pre-annotation rules: one pure function per label family (person, org, quantity, stance)."""
